package org.stripejdbc.engine.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.stripejdbc.engine.Environment;
import org.stripejdbc.engine.RowIterator;

/**
 * Reads its input once per execution and replays the rows to every reader: a WITH query referenced more than once
 * (its Stripe requests are made once).
 */
public final class MaterializedNode extends SingleInputNode {
    private final String name;

    public MaterializedNode(PlanNode input, String name) {
        super(input);
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public RowIterator open(Environment environment) {
        List<Object[]> rows = environment.cached(this, () -> {
            List<Object[]> buffer = new ArrayList<>();
            try (RowIterator iterator = input.open(environment)) {
                while (iterator.next()) {
                    environment.tick();
                    buffer.add(iterator.current());
                }
            }
            return buffer;
        });
        return RowIterator.of(rows);
    }

    @Override
    String title() {
        return "Materialize: " + name;
    }
}
