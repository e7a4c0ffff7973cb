package org.stripejdbc.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.stripejdbc.emulator.StripeEmulator;
import org.stripejdbc.stripe.objects.StripeColumn;
import org.stripejdbc.stripe.objects.StripeObject;
import org.stripejdbc.stripe.objects.StripeObjects;
import sqlline.SqlLine;

/**
 * sqlline (the real shell, driven in-process with {@code begin}, never {@code start}, which exits the JVM) on the
 * driver: its metadata commands print the imported tables, their columns and keys, with the shell's application
 * configuration that lets {@code !columns stripe.customers} name a schema as psql users type it.
 */
class SqllineJdbcTest {
    private static EmulatorDatabase database;

    @BeforeAll
    static void start() {
        database = EmulatorDatabase.start(StripeEmulator.builder().seed(2).customers(5));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    /** What one sqlline command printed: the table as rows of cells by header name. */
    private record Table(List<Map<String, String>> rows) {
        List<String> column(String name) {
            return rows.stream().map(r -> r.get(name)).toList();
        }
    }

    private static String run(String... commands) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        SqlLine sqlline = new SqlLine();
        sqlline.setOutputStream(print);
        sqlline.setErrorStream(print);
        String[] args = {
            "-u",
            database.url(),
            "-n",
            database.user(),
            "-p",
            database.password(),
            "-d",
            "org.stripejdbc.driver.StripeDriver",
            "--isolation=TRANSACTION_NONE",
            "--connectInteractionMode=notAskCredentials",
            "--maxWidth=1000",
            "--maxColumnWidth=200",
            "--showNestedErrs=true",
            "-ac",
            "org.stripejdbc.cli.StripeSqlLineApplication"
        };
        // sqlline sizes tables to the terminal (80 columns on a dumb one) unless told otherwise.
        String script = "!set maxWidth 1000\n" + String.join("\n", commands) + "\n!quit\n";
        SqlLine.Status status =
                sqlline.begin(args, new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)), false);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertEquals(SqlLine.Status.OK, status, printed);
        assertTrue(!printed.contains("Error") && !printed.contains("Exception"), printed);
        return printed;
    }

    /** The one table printed by a single command. */
    private static Table table(String command) throws Exception {
        String printed = run(command);
        List<String> lines = printed.lines().filter(l -> l.startsWith("|")).toList();
        assertTrue(!lines.isEmpty(), command + " printed no table:\n" + printed);
        List<String> header = cells(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            rows.add(row);
        }
        return new Table(rows);
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.lastIndexOf('|'));
        return Arrays.stream(inner.split("\\|", -1)).map(String::trim).toList();
    }

    @Test
    void tablesListsEveryImportedObject() throws Exception {
        Table tables = table("!tables");
        List<String> stripeTables = tables.rows().stream()
                .filter(r -> r.get("TABLE_SCHEM").equals("stripe"))
                .map(r -> r.get("TABLE_NAME"))
                .sorted()
                .toList();
        assertEquals(
                StripeObjects.all().stream()
                        .map(StripeObject::tableName)
                        .sorted()
                        .toList(),
                stripeTables);
        assertTrue(tables.rows().stream()
                .filter(r -> r.get("TABLE_SCHEM").equals("stripe"))
                .allMatch(r -> r.get("TABLE_TYPE").equals("FOREIGN TABLE")));
    }

    @Test
    void columnsAndDescribeShowTheRegistryColumnsWithTheirTypes() throws Exception {
        StripeObject customers = StripeObjects.byTableName("customers").orElseThrow();
        List<String> names = new ArrayList<>(
                customers.columns().stream().map(StripeColumn::name).toList());
        names.add("attrs");
        Map<String, String> types = customers.columns().stream()
                .collect(Collectors.toMap(StripeColumn::name, c -> c.type().postgresName()));
        for (String command : List.of(
                "!columns stripe.customers",
                "!describe stripe.customers",
                "!columns stripe customers",
                "!describe customers")) {
            Table columns = table(command);
            assertEquals(names, columns.column("COLUMN_NAME"), command);
            assertEquals(
                    List.of("text", "text", "text", "text", "timestamp", "jsonb"),
                    columns.column("TYPE_NAME"),
                    command);
            assertTrue(columns.column("TABLE_NAME").stream().allMatch("customers"::equals), command);
            for (StripeColumn column : customers.columns()) {
                assertEquals(
                        types.get(column.name()),
                        columns.rows().get(names.indexOf(column.name())).get("TYPE_NAME"),
                        command);
            }
        }
        Table charges = table("!columns stripe.charges");
        assertEquals(
                "bigint",
                charges.rows().stream()
                        .filter(r -> r.get("COLUMN_NAME").equals("amount"))
                        .findFirst()
                        .orElseThrow()
                        .get("TYPE_NAME"));
    }

    @Test
    void primaryKeysAreTheIdColumn() throws Exception {
        for (String command : List.of("!primarykeys stripe.customers", "!primarykeys stripe customers")) {
            Table keys = table(command);
            assertEquals(1, keys.rows().size(), command);
            Map<String, String> key = keys.rows().get(0);
            assertEquals("stripe", key.get("TABLE_SCHEM"));
            assertEquals("customers", key.get("TABLE_NAME"));
            assertEquals("id", key.get("COLUMN_NAME"));
            assertEquals("1", key.get("KEY_SEQ"));
        }
        assertEquals(List.of(), table("!primarykeys stripe.balance").rows(), "balance has no id");
    }

    @Test
    void queriesPrintTheirRows() throws Exception {
        String printed = run(
                "select count(*) as n from stripe.customers;", "select id from stripe.customers order by id limit 2;");
        assertTrue(printed.contains("| 5 |"), printed);
        List<String> ids = database.emulator().objects("customers").stream()
                .map(c -> c.get("id").asText())
                .sorted()
                .limit(2)
                .toList();
        for (String id : ids) {
            assertTrue(printed.contains("| " + id + " |"), printed);
        }
        Function<String, Long> occurrences =
                s -> printed.lines().filter(l -> l.contains(s)).count();
        assertEquals(1L, occurrences.apply("2 rows selected"), printed);
    }
}
