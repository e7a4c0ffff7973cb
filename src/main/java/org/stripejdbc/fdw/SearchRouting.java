package org.stripejdbc.fdw;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.stripejdbc.config.SearchMode;
import org.stripejdbc.engine.ConstantEvaluator;
import org.stripejdbc.engine.ExecutionContext;
import org.stripejdbc.fdw.Pushdown.BoundOperator;
import org.stripejdbc.fdw.Pushdown.CreatedBound;
import org.stripejdbc.sql.Expr;
import org.stripejdbc.stripe.objects.SearchFields;
import org.stripejdbc.stripe.objects.SearchFields.Kind;

/**
 * Search or list: for a list scan of a searchable object whose conditions translate (in whole or in part) into
 * Stripe's search language ({@link SearchTranslator}), decides per execution whether the scan reads
 * {@code GET /v1/<object>/search?query=...} or the list, and says why (EXPLAIN prints it).
 *
 * <pre>
 *   customers where name like '%son%'                 →  search name~"son" (about 1 page against 100)
 *   customers where email = 'a@b.c' and name like '%x_y%'  →  list: nothing beyond what the list takes
 *   charges where amount &gt; 1000 and status &lt;&gt; 'failed'  →  search amount&gt;1000 AND -status:"failed"
 *   customers where name like '%son%' or email = 'a@b.c'   →  search name~"son" OR email:"a@b.c"
 *   customers where name like '%son%' and (email = 'a' or email = 'b')  →  list: mixes AND and OR
 *   customers where created &gt;= a and created &lt; b and name like '%son%'  →  list: a created window
 * </pre>
 *
 * <p><b>Cost, without statistics.</b> Both plans are priced in pages for an assumed {@value #ASSUMED_OBJECTS}
 * objects: each clause keeps a share of them (an exact text, id or metadata value or a substring 1%, a number 5%,
 * an enumeration value 30%, a range or IS NULL 30%, a boolean 50%, a negation all of them; an AND multiplies, an OR
 * adds), and each list parameter likewise (a created bound 30%). In {@code auto} the search is used when it is expected
 * to read fewer pages; in {@code always} whenever the conditions translate. Either way the list is read when the query
 * would mix AND and OR or exceed {@value SearchFields#MAX_CLAUSES} clauses, for a created window (the form Spark
 * partitions and parallel slices read), or when a value cannot be searched for in this execution (NULL, a pattern
 * without 3 literal characters in a row). In {@code auto} an object type written through this JVM within {@code
 * search_after_write} seconds is listed, so that a session reads its own writes.
 *
 * <p>Never wider, never narrower: every clause holds for every row its condition holds for, and every condition is
 * still evaluated on every row the search returns (search matches case-insensitively and by tokens).
 */
final class SearchRouting {
    /** The table size both plans are priced for: there are no statistics. */
    static final int ASSUMED_OBJECTS = 10_000;

    /** One execution's choice: {@code query} is the query string (also when the list is read, if known). */
    record Decision(boolean search, String query, String reason) {}

    private final String object;
    private final ConstantEvaluator constants;
    private final SearchSettings settings;
    private final List<SearchTranslator.Term> terms;
    private final List<Expr> leftOut;
    private final boolean or;
    private final String unusable;
    private final long searchPages;
    private final long listPages;

    private SearchRouting(
            String object,
            ConstantEvaluator constants,
            SearchSettings settings,
            List<SearchTranslator.Term> terms,
            List<Expr> leftOut,
            Pushdown.ListWalk walk) {
        this.object = object;
        this.constants = constants;
        this.settings = settings;
        this.terms = List.copyOf(terms);
        this.leftOut = List.copyOf(leftOut);
        this.or = terms.size() == 1 && terms.get(0).or();
        int clauses = 0;
        boolean mixed = false;
        for (SearchTranslator.Term term : terms) {
            clauses += term.clauses().size();
            mixed |= terms.size() > 1 && term.or() && term.clauses().size() > 1;
        }
        if (mixed) {
            unusable = "the conditions mix AND and OR, and a search query joins all its clauses by one of them";
        } else if (clauses > SearchFields.MAX_CLAUSES) {
            unusable = "the query would have " + clauses + " clauses, more than the " + SearchFields.MAX_CLAUSES
                    + " a search takes";
        } else if (createdWindow(walk)) {
            unusable = "a created window (as Spark partitions and parallel slices read) is read from the list";
        } else {
            unusable = null;
        }
        this.searchPages = pages(searchShare());
        this.listPages = pages(listShare(walk));
    }

    /**
     * The routing of a planned list walk, or null when there is nothing to choose: the object has no search
     * endpoint, the access is not a list walk, or no condition beyond those the list takes translates.
     */
    static SearchRouting plan(
            ForeignTableDefinition table,
            ConstantEvaluator constants,
            Pushdown pushdown,
            List<Expr> conjuncts,
            SearchSettings settings) {
        SearchTranslator translator = new SearchTranslator(table, constants);
        if (!(pushdown.access() instanceof Pushdown.ListWalk walk) || !translator.searchable()) {
            return null;
        }
        Set<Expr> pushed = Collections.newSetFromMap(new IdentityHashMap<>());
        pushed.addAll(pushdown.pushed());
        List<SearchTranslator.Term> terms = new ArrayList<>();
        List<Expr> leftOut = new ArrayList<>();
        boolean beyondList = false;
        for (Expr conjunct : Exprs.flattenConjuncts(conjuncts)) {
            Optional<SearchTranslator.Term> term = translator.translate(conjunct);
            if (term.isPresent()) {
                terms.add(term.get());
                beyondList |= !pushed.contains(conjunct);
            } else {
                leftOut.add(conjunct);
            }
        }
        return beyondList
                ? new SearchRouting(table.object().object(), constants, settings, terms, leftOut, walk)
                : null;
    }

    /** The conditions the search query leaves out (evaluated locally, as every condition is). */
    List<Expr> leftOut() {
        return leftOut;
    }

    /** Search or list for one execution; {@code placeholders}: EXPLAIN, values of unbound parameters as {@code $n}. */
    Decision decide(ExecutionContext context, boolean placeholders) {
        String query = null;
        String unsearchable = null;
        try {
            query = query(context, placeholders);
        } catch (SearchQueryRenderer.Unsearchable e) {
            unsearchable = e.getMessage();
        }
        SearchMode mode = settings.mode();
        if (unusable != null) {
            return new Decision(false, null, unusable);
        }
        if (context.writeTargets()) {
            // Trust: a write reads its complete target set; a search index lagging other writers could miss rows.
            return new Decision(
                    false,
                    query,
                    "the rows a write changes are read from the list, in every search"
                            + " mode: search results can lag writes by about a minute and miss rows");
        }
        if (mode == SearchMode.OFF) {
            return new Decision(false, query, "search = off");
        }
        if (mode == SearchMode.AUTO && settings.writes().writtenWithin(object, settings.afterWrite())) {
            return new Decision(
                    false,
                    query,
                    object + " were written through this JVM "
                            + settings.writes().secondsSinceWrite(object)
                            + " s ago, within search_after_write ("
                            + settings.afterWrite().toSeconds()
                            + " s): the list shows those writes, the search may not yet");
        }
        String cost = "about " + pages(searchPages) + " against about " + pages(listPages) + " for the list, for "
                + String.format(Locale.ROOT, "%,d", ASSUMED_OBJECTS) + " objects assumed";
        if (mode == SearchMode.AUTO && searchPages >= listPages) {
            return new Decision(false, query, "the list is expected to read no more pages: " + cost);
        }
        if (unsearchable != null) {
            return new Decision(false, null, unsearchable);
        }
        return new Decision(true, query, (mode == SearchMode.ALWAYS ? "search = always; " : "") + cost);
    }

    private static String pages(long pages) {
        return pages + (pages == 1 ? " page" : " pages");
    }

    /**
     * The query string of one execution ({@link SearchQueryRenderer.Unsearchable} when it cannot be written). In an
     * AND, a term whose value cannot be searched for in this execution is left out (the query only gets wider); in
     * an OR it cannot be.
     */
    private String query(ExecutionContext context, boolean placeholders) {
        SearchQueryRenderer renderer = new SearchQueryRenderer(constants, context, placeholders);
        List<String> fragments = new ArrayList<>();
        SearchQueryRenderer.Unsearchable first = null;
        for (SearchTranslator.Term term : terms) {
            try {
                fragments.addAll(renderer.fragments(term));
            } catch (SearchQueryRenderer.Unsearchable e) {
                if (or) {
                    throw e;
                }
                first = first == null ? e : first;
            }
        }
        if (fragments.isEmpty() && first != null) {
            throw first;
        }
        if (fragments.size() > SearchFields.MAX_CLAUSES) {
            throw new SearchQueryRenderer.Unsearchable("the query would have " + fragments.size()
                    + " clauses, more than the " + SearchFields.MAX_CLAUSES + " a search takes");
        }
        return String.join(or ? " OR " : " AND ", fragments);
    }

    // ------------------------------------------------------------------------------------------------- cost

    private static long pages(double share) {
        return Math.max(1, (long) Math.ceil(ASSUMED_OBJECTS * Math.min(1, share) / ListScanIterator.MAX_PAGE_SIZE));
    }

    private double searchShare() {
        double share = 1;
        for (SearchTranslator.Term term : terms) {
            double termShare = term.or() ? 0 : 1;
            for (SearchClause clause : term.clauses()) {
                termShare = term.or() ? termShare + share(clause) : termShare * share(clause);
            }
            share *= Math.min(1, termShare);
        }
        return share;
    }

    private static double share(SearchClause clause) {
        if (clause instanceof SearchClause.Match match) {
            return match.negated() ? 1 : share(match.kind());
        }
        if (clause instanceof SearchClause.Compare) {
            return 0.3;
        }
        if (clause instanceof SearchClause.Null isNull) {
            return isNull.negated() ? 1 : 0.3;
        }
        return 0.01; // a substring, a metadata value
    }

    private static double share(Kind kind) {
        return switch (kind) {
            case STRING, ID, METADATA -> 0.01;
            case NUMBER -> 0.05;
            case ENUM, TIME -> 0.3;
            case BOOLEAN -> 0.5;
        };
    }

    private double listShare(Pushdown.ListWalk walk) {
        double share = 1;
        for (Pushdown.EqualityFilter filter : walk.filters()) {
            double one = SearchFields.field(object, filter.field())
                    .map(field -> share(field.kind()))
                    .orElse(0.01);
            int values =
                    filter.array() != null ? 10 : Math.max(1, filter.values().size());
            share *= Math.min(1, one * values);
        }
        for (CreatedBound bound : walk.createdBounds()) {
            share *= bound.operator() == BoundOperator.BETWEEN ? 0.1 : 0.3;
        }
        return share;
    }

    /** A lower and an upper bound on created, or Spark's first partition ({@code created < x or created is null}). */
    private static boolean createdWindow(Pushdown.ListWalk walk) {
        boolean lower = false;
        boolean upper = false;
        for (CreatedBound bound : walk.createdBounds()) {
            if (!bound.field().equals("created")) {
                continue;
            }
            boolean sparkFirst =
                    bound.condition() instanceof Expr.Binary binary && binary.operator() == Expr.BinaryOperator.OR;
            switch (bound.operator()) {
                case BETWEEN, EQUALS -> {
                    lower = true;
                    upper = true;
                }
                case GREATER, GREATER_OR_EQUAL -> lower = true;
                case LESS, LESS_OR_EQUAL -> {
                    upper = true;
                    lower |= sparkFirst;
                }
            }
        }
        return lower && upper;
    }
}
