package org.stripejdbc.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the driver, checked on the compiled classes of {@code src/main} (ArchUnit): which package may
 * reach which, and which packages may know each library. ARCHITECTURE.md draws the same layers; each package's
 * {@code package-info} says what it must not know.
 *
 * <p>Example of a failure: {@code return org.stripejdbc.fdw.StripeTableSource.class;} in a method {@code a()} of a
 * class {@code engine.operator.Probe} fails {@link #engineKnowsNothingOfStripe} with
 * {@code Method <org.stripejdbc.engine.operator.Probe.a()> references class object
 * <org.stripejdbc.fdw.StripeTableSource> in (Probe.java:3)}, and {@link #noCyclesBetweenTopLevelPackages} with the
 * cycle it closes ({@code engine -> fdw -> engine}).
 *
 * <p>What the check cannot see: a compile-time constant ({@code static final String X = "..."}) of another class is
 * copied into the class that uses it, so using one leaves no dependency in the bytecode. Types, methods, fields that
 * are not such constants, annotations kept in the class file, and the types in signatures and generics all count.
 *
 * <p>When a rule fails, move the code to the package that owns the concept rather than widening the rule; a rule
 * that changes says so in ARCHITECTURE.md and the package-info files it concerns.
 */
@AnalyzeClasses(packages = "org.stripejdbc", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    private static final String ROOT = "org.stripejdbc.";

    // ---- Between the driver's own packages ----

    /** The JDBC layer is the top: only the serve mode (Avatica's HTTP server over the driver) builds on it. */
    @ArchTest
    static final ArchRule nothingButServeDependsOnTheDriver = noClasses()
            .that()
            .resideOutsideOfPackages(ROOT + "driver..", ROOT + "serve..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT + "driver..")
            .because("the JDBC layer sits on top; the shell reaches it through java.sql.DriverManager");

    /**
     * The local SQL engine knows the statement model, the value types and the small helpers, and nothing of Stripe,
     * the catalog, the vault, the session or JDBC: tables are {@code engine.TableSource}s.
     */
    @ArchTest
    static final ArchRule engineKnowsNothingOfStripe = classes()
            .that()
            .resideInAPackage(ROOT + "engine..")
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(
                            ROOT + "engine..",
                            ROOT + "sql..",
                            ROOT + "types..",
                            ROOT + "json..",
                            ROOT + "error..",
                            ROOT + "runtime..",
                            "java..")
                    .or(describe("primitive or array types", c -> c.isPrimitive() || c.isArray())))
            .because("the engine sees tables only as TableSources (engine/package-info.java)");

    /** Inside the engine, each subpackage uses only those below it (engine/package-info.java draws them). */
    @ArchTest
    static final ArchRule engineValueIsTheBottom = noClasses()
            .that()
            .resideInAPackage(ROOT + "engine.value..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    ROOT + "engine",
                    ROOT + "engine.function..",
                    ROOT + "engine.expression..",
                    ROOT + "engine.operator..",
                    ROOT + "engine.planner..")
            .because("values know nothing of functions, expressions, operators, planning or the engine's API");

    @ArchTest
    static final ArchRule engineFunctionsKnowOnlyValues = noClasses()
            .that()
            .resideInAPackage(ROOT + "engine.function..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ROOT + "engine.expression..", ROOT + "engine.operator..", ROOT + "engine.planner..")
            .because("a function receives evaluated, converted arguments (engine/function/package-info.java)");

    @ArchTest
    static final ArchRule engineExpressionsKnowNeitherOperatorsNorThePlanner = noClasses()
            .that()
            .resideInAPackage(ROOT + "engine.expression..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ROOT + "engine.operator..", ROOT + "engine.planner..")
            .because("a subquery reaches the planner only through expression.SubqueryPlanner");

    @ArchTest
    static final ArchRule engineOperatorsKnowNeitherExpressionCompilerNorThePlanner = noClasses()
            .that()
            .resideInAPackage(ROOT + "engine.operator..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ROOT + "engine.expression..", ROOT + "engine.planner..")
            .because("operators evaluate expressions only through engine.CompiledExpression");

    /** Outside the engine only its API package is known: the subpackages are its implementation. */
    @ArchTest
    static final ArchRule nothingOutsideTheEngineReachesItsSubpackages = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + "engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    ROOT + "engine.value..",
                    ROOT + "engine.function..",
                    ROOT + "engine.expression..",
                    ROOT + "engine.operator..",
                    ROOT + "engine.planner..")
            .because("the engine's API is the package org.stripejdbc.engine");

    /** No two top-level packages reach each other, directly or around a longer loop. */
    @ArchTest
    static final ArchRule noCyclesBetweenTopLevelPackages =
            slices().matching(ROOT + "(*)..").should().beFreeOfCycles();

    /**
     * Nor do any two packages at all (fdw and fdw.modify, sql and sql.parse, stripe and stripe.objects...), except
     * the one deliberate cycle: the engine's API facades ({@code QueryCompiler}, {@code Expressions},
     * {@code FunctionLibrary}) call their implementation in the subpackages, which use the
     * API's types.
     */
    @ArchTest
    static final ArchRule noCyclesBetweenAnyPackages = slices().matching(ROOT + "(**)")
            .should()
            .beFreeOfCycles()
            .ignoreDependency(resideInAPackage(ROOT + "engine"), resideInAPackage(ROOT + "engine.*.."));

    // ---- Which package may know which library ----

    @ArchTest
    static final ArchRule avaticaOnlyInDriverAndServe = noClasses()
            .that()
            .resideOutsideOfPackages(ROOT + "driver..", ROOT + "serve..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.calcite.avatica..")
            .because("Avatica is the JDBC plumbing: the driver, and the serve mode that puts its server in front");

    @ArchTest
    static final ArchRule avaticaServerAndJettyOnlyInServe = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + "serve..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.calcite.avatica.server..", "org.eclipse.jetty..", "javax.servlet..")
            .because("avatica-server is optional: the driver artifact and the -all jar do not carry it");

    @ArchTest
    static final ArchRule jsqlParserOnlyInTheParser = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + "sql.parse")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("net.sf.jsqlparser..")
            .because("the rest of the driver sees the statement model of org.stripejdbc.sql");

    @ArchTest
    static final ArchRule httpClientOnlyInTheStripeClient = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + "stripe")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.hc..")
            .because("every request to Stripe goes through stripe.StripeClient");

    /**
     * Jackson is known by {@code json} (the jsonb value, read from a token stream), {@code stripe} (streaming reads of
     * responses, form bodies), the catalog file ({@code catalog.CatalogFileFormat} and its nested classes, nothing
     * else in {@code catalog}) and the emulator (a stand-in Stripe server that builds its objects as Jackson trees).
     * The engine, {@code fdw}, the session, the parser and the JDBC layer see only {@code json.Json}.
     */
    @ArchTest
    static final ArchRule jacksonOnlyWhereItIsNeeded = noClasses()
            .that()
            .resideOutsideOfPackages(ROOT + "json", ROOT + "stripe", ROOT + "emulator")
            .and(DescribedPredicate.not(catalogFileFormat()))
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.fasterxml.jackson..")
            .because("the json package's Javadoc (json.Json) lists who knows Jackson");

    @ArchTest
    static final ArchRule sqllineOnlyInTheShell = noClasses()
            .that()
            .resideOutsideOfPackage(ROOT + "cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("sqlline..", "org.jline..")
            .because("sqlline is optional: only the shell (the main class of the -all jar) uses it");

    /** {@code catalog.CatalogFileFormat} and its nested classes (the class is package-private). */
    private static DescribedPredicate<JavaClass> catalogFileFormat() {
        String name = ROOT + "catalog.CatalogFileFormat";
        return describe(
                "are " + name + " or nested in it",
                c -> c.getName().equals(name) || c.getName().startsWith(name + "$"));
    }
}
