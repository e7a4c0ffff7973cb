package org.stripejdbc.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stripejdbc.sql.FromItem;
import org.stripejdbc.sql.Statement;
import org.stripejdbc.sql.parse.SqlFrontEnd;

/** Which FROM items of a joined write no condition links to the written table (a cross product for safe updates). */
class JoinLinksTest {
    private static final Set<String> CUSTOMERS = Set.of("id", "email", "description");
    private static final Set<String> CHARGES = Set.of("id", "customer", "amount", "invoice");
    private static final Set<String> INVOICES = Set.of("id", "customer", "status");

    /** The unlinked items of {@code update stripe.customers c set description = 'x' <rest>}. */
    private static List<String> unlinked(String rest) {
        Statement.Update update =
                (Statement.Update) SqlFrontEnd.parse("update stripe.customers c set description = 'x' " + rest)
                        .statement();
        List<JoinLinks.Relation> relations = new ArrayList<>();
        relations.add(new JoinLinks.Relation("c", null, CUSTOMERS));
        for (FromItem leaf : JoinedModify.leaves(update.from())) {
            String name = JoinedModify.exposedName(leaf);
            Set<String> columns = name.startsWith("ch") ? CHARGES : name.startsWith("i") ? INVOICES : Set.of("n");
            relations.add(new JoinLinks.Relation(name, null, columns));
        }
        return JoinLinks.unlinked(relations, update.from(), update.where());
    }

    @Test
    void aConditionNamingTheTableAndAnItemLinksIt() {
        assertEquals(List.of(), unlinked("from stripe.charges ch where ch.customer = c.id and ch.amount > 1"));
        assertEquals(List.of(), unlinked("from stripe.charges ch where amount > 1 and customer = c.id"));
        // Any condition naming both links them, not only an equality.
        assertEquals(List.of(), unlinked("from stripe.charges ch where ch.customer like c.id || '%'"));
    }

    @Test
    void conditionsOnOneSideOnlyLeaveACrossProduct() {
        assertEquals(List.of("ch"), unlinked("from stripe.charges ch where ch.amount > 1"));
        assertEquals(List.of("ch"), unlinked("from stripe.charges ch where c.email = 'a@b.c'"));
        assertEquals(List.of("ch"), unlinked("from stripe.charges ch where c.email = 'a' and ch.amount > 1"));
        // A subquery's own conditions belong to it.
        assertEquals(
                List.of("ch"),
                unlinked("from stripe.charges ch where exists (select 1 from stripe.invoices x "
                        + "where x.customer = c.id and x.id = ch.invoice)"));
    }

    @Test
    void itemsLinkThroughOtherItemsAndJoins() {
        assertEquals(
                List.of(),
                unlinked(
                        "from stripe.charges ch join stripe.invoices i on i.id = ch.invoice where ch.customer = c.id"));
        assertEquals(
                List.of(),
                unlinked("from stripe.charges ch, stripe.invoices i where i.id = ch.invoice and ch.customer = c.id"));
        assertEquals(
                List.of("i"),
                unlinked("from stripe.charges ch, stripe.invoices i where i.status = 'paid' and ch.customer = c.id"));
        assertEquals(
                List.of("ch", "i"), unlinked("from stripe.charges ch join stripe.invoices i using (id) where true"));
        assertEquals(
                List.of(),
                unlinked("from stripe.charges ch join stripe.invoices i using (id) where i.customer = c.id"));
        assertEquals(List.of("v"), unlinked("from stripe.charges ch, (values (1)) v(n) where ch.customer = c.id"));
    }
}
