package dev.lastmile.dbt.render;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.ForLoop;
import com.hubspot.jinjava.util.ObjectIterator;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Loops that spend their rendering's budget ({@link RenderSession#LOOP_BUDGET} iterations, and a time limit): every
 * {@code {% for %}} loop, whatever it walks (a list, a dict, a string, a macro's result), and {@code range()}. Nested
 * loops over a few thousand items each are billions of iterations in a hundred bytes; once the budget is spent every
 * loop ends at once and the rendering reports it (an honest incomplete note, then the fallback), never a hang.
 */
final class BoundedLoops {

    private BoundedLoops() {
    }

    /**
     * {@code range()}: Jinjava's, whose iterations count against the rendering's budget; once it is spent, every
     * further range is empty, so the loops around it end at once.
     */
    public static List<Integer> boundedRange(Object arg1, Object... args) {
        List<Integer> values = com.hubspot.jinjava.lib.fn.Functions.range(arg1, args);
        RenderSession s = RenderSession.current();
        if (s == null) {
            return values;
        }
        return s.overBudget() ? List.of() : bounded(values, s);
    }

    /** {@code values} as a list whose iteration spends {@code s}'s budget and stops when it is spent. */
    static <T> List<T> bounded(List<T> values, RenderSession s) {
        return new Budgeted<>() {
            @Override
            public T get(int index) {
                return values.get(index);
            }

            @Override
            public int size() {
                return values.size();
            }

            @Override
            public Iterator<T> iterator() {
                Iterator<T> it = values.iterator();
                return new Iterator<>() {
                    private boolean stopped;

                    @Override
                    public boolean hasNext() {
                        return !stopped && !s.overBudget() && it.hasNext();
                    }

                    @Override
                    public T next() {
                        T next = it.next();
                        stopped = !s.iterate();
                        return next;
                    }
                };
            }
        };
    }

    /** A list whose iteration already spends a budget (not wrapped twice). */
    private abstract static class Budgeted<T> extends AbstractList<T> {
    }

    /** {@code {% for %}} over anything: the items Jinjava would walk, walked within the budget. */
    static final class ForTagWithBudget extends ForTag {
        @Override
        public String renderForCollection(TagNode tagNode, JinjavaInterpreter interpreter, List<String> loopVars,
                                          Object collection) {
            RenderSession s = interpreter instanceof RenderSession.Interpreter i ? i.session : RenderSession.current();
            if (s == null || collection instanceof Budgeted<?>) {
                return super.renderForCollection(tagNode, interpreter, loopVars, collection);
            }
            if (s.overBudget()) {
                return "";
            }
            if (collection instanceof List<?> list) {
                return super.renderForCollection(tagNode, interpreter, loopVars, bounded(list, s));
            }
            // what Jinjava walks for this value (a dict's keys or values, an iterator, one object), in order
            List<Object> items = new ArrayList<>();
            ForLoop loop = ObjectIterator.getLoop(collection);
            while (loop.hasNext() && items.size() < RenderSession.LOOP_BUDGET) {
                items.add(loop.next());
            }
            return super.renderForCollection(tagNode, interpreter, loopVars, bounded(items, s));
        }
    }
}
