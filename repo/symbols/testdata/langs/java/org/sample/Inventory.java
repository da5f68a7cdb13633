package org.sample;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Inventory keeps items by SKU: the shapes a reviewer meets in Java
 * (classes, nested and inner classes, interfaces, enums with bodies,
 * generics, annotations, anonymous classes, lambdas).
 */
public class Inventory implements Iterable<Inventory.Item> {
    public static final int MAX_ITEMS = 10_000;
    private static int created = 0;

    private final Map<String, Item> items = new HashMap<>();
    private final List<Listener> listeners = new ArrayList<>();
    protected String name;

    public Inventory(String name) {
        this.name = name;
        created++;
    }

    public Inventory() {
        this("default");
    }

    public interface Listener {
        void changed(Item item, Change change);
    }

    public enum Change {
        ADDED("+"),
        REMOVED("-"),
        UPDATED("~");

        private final String sign;

        Change(String sign) {
            this.sign = sign;
        }

        public String sign() {
            return sign;
        }
    }

    public static class Item {
        private final String sku;
        private int count;

        public Item(String sku, int count) {
            this.sku = sku;
            this.count = count;
        }

        public String getSku() {
            return sku;
        }

        public int getCount() {
            return count;
        }

        void adjust(int delta) {
            count += delta;
        }

        @Override
        public String toString() {
            return sku + "x" + count;
        }
    }

    public class Report {
        private final StringBuilder text = new StringBuilder();

        public Report line(String s) {
            text.append(s).append('\n');
            return this;
        }

        public String render() {
            return name + ":\n" + text;
        }
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    private void fire(Item item, Change c) {
        for (Listener l : listeners) {
            l.changed(item, c);
        }
    }

    public Item add(String sku, int count) {
        if (items.size() >= MAX_ITEMS) {
            throw new IllegalStateException("inventory full");
        }
        Item it = items.get(sku);
        if (it == null) {
            it = new Item(sku, count);
            items.put(sku, it);
            fire(it, Change.ADDED);
        } else {
            it.adjust(count);
            fire(it, Change.UPDATED);
        }
        return it;
    }

    public boolean remove(String sku) {
        Item it = items.remove(sku);
        if (it != null) {
            fire(it, Change.REMOVED);
        }
        return it != null;
    }

    public Optional<Item> find(String sku) {
        return Optional.ofNullable(items.get(sku));
    }

    public List<Item> select(Predicate<Item> p) {
        List<Item> out = new ArrayList<>();
        for (Item it : items.values()) {
            if (p.test(it)) {
                out.add(it);
            }
        }
        return out;
    }

    public <T extends Comparable<T>> T largest(List<T> xs) {
        T best = null;
        for (T x : xs) {
            if (best == null || x.compareTo(best) > 0) {
                best = x;
            }
        }
        return best;
    }

    @Override
    public java.util.Iterator<Item> iterator() {
        return items.values().iterator();
    }

    public Report report() {
        Report r = new Report();
        for (Item it : this) {
            r.line(it.toString());
        }
        return r;
    }

    public static int created() {
        return created;
    }

    @interface Audited {
        String value() default "";
    }

    @Audited("main")
    public static void main(String[] args) {
        Inventory inv = new Inventory("shop");
        inv.addListener(new Listener() {
            @Override
            public void changed(Item item, Change change) {
                System.out.println(change.sign() + item);
            }
        });
        inv.add("apple", 3);
        inv.add("pear", 1);
        inv.select(it -> it.getCount() > 1).forEach(System.out::println);
        System.out.println(inv.report().render());
    }
}
