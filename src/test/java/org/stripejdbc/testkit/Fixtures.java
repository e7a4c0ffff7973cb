package org.stripejdbc.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.stripejdbc.json.Json;

/**
 * Stripe objects, list pages and error bodies kept as files under {@code src/test/resources/fixtures/}, so that a
 * test reads as what it checks and the API's answers read as JSON: {@code Fixtures.json("objects/charges.json")} is
 * the parsed {@code fixtures/objects/charges.json}, {@code Fixtures.text(...)} its text as a server would send it.
 * A fixture is data only, never an expectation; tiny one-field objects stay inline in the tests.
 */
public final class Fixtures {
    private Fixtures() {}

    /** The fixture at {@code path} (relative to {@code fixtures/}), parsed. */
    public static Json json(String path) {
        return Json.parse(text(path));
    }

    /** The fixture at {@code path} (relative to {@code fixtures/}) as UTF-8 text; fails when there is none. */
    public static String text(String path) {
        String resource = "/fixtures/" + path;
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(
                        "no test fixture " + resource + " (src/test/resources" + resource + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the test fixture " + resource, e);
        }
    }
}
