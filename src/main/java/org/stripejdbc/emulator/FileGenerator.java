package org.stripejdbc.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Generates files (dispute evidence, identity documents, logos, reports...) and links to about half of them.
 * A link expires at {@code expires_at} (or never); {@code expired} is whether that time has passed at the data
 * end time. {@code file.links} lists the file's links, as Stripe does.
 */
final class FileGenerator {
    private static final long DAY = 86_400;
    private static final String[][] PURPOSES = {
        {"dispute_evidence", "pdf", "receipt"}, {"identity_document", "png", "passport"},
        {"business_logo", "png", "logo"}, {"business_icon", "png", "icon"},
        {"customer_signature", "png", "signature"}, {"tax_document_user_upload", "pdf", "w9"},
        {"finance_report_run", "csv", "balance_report"}, {"pci_document", "pdf", "attestation"}
    };

    private final SampleContext context;

    FileGenerator(SampleContext context) {
        this.context = context;
    }

    void generate() {
        SampleRandom random = context.random("files");
        long end = context.timeline.end();
        for (int i = 0; i < context.sizes.files(); i++) {
            String[] purpose = PURPOSES[random.nextInt(PURPOSES.length)];
            long created = context.timeline.next(random);
            ObjectNode file = context.start("files", null);
            String fileId = file.get("id").textValue();
            file.put("created", created);
            file.put("expires_at", purpose[0].equals("finance_report_run") ? (Long) (created + 365 * DAY) : null);
            file.put("filename", purpose[2] + "_" + (i + 1) + "." + purpose[1]);
            file.put("livemode", false);
            ObjectNode links = file.putObject("links");
            links.put("object", "list");
            ArrayNode linkData = links.putArray("data");
            links.put("has_more", false);
            links.put("url", "/v1/file_links?file=" + fileId);
            file.put("purpose", purpose[0]);
            file.put("size", random.between(2_000, 4_000_000));
            file.put("title", random.chance(0.3) ? "Document " + (i + 1) : null);
            file.put("type", purpose[1]);
            file.put("url", "https://files.stripe.com/v1/files/" + fileId + "/contents");

            ObjectNode link = null;
            long linkCreated = 0;
            if (random.chance(0.5)) {
                linkCreated = context.timeline.after(random, created, 30 * DAY);
                Long expiresAt = random.chance(0.5) ? null : linkCreated + random.between(DAY, 365 * DAY);
                link = context.start("file_links", null);
                link.put("created", linkCreated);
                link.put("expired", expiresAt != null && expiresAt <= end);
                link.put("expires_at", expiresAt);
                link.put("file", fileId);
                link.put("livemode", false);
                link.putObject("metadata");
                link.put("url", "https://files.stripe.com/links/" + random.alphanumeric(60));
                linkData.add(link);
            }
            context.store("files", file, created, "file.created");
            if (link != null) {
                context.store("file_links", link, linkCreated, null);
            }
        }
    }
}
