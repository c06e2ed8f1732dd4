package dev.textback.metrics.db;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.persistence.EntityManager;

import org.hibernate.query.NativeQuery;

/**
 * A native SQL statement with typed parameters. The facts are written with PostgreSQL upserts
 * ({@code insert ... on conflict do update}), which JPQL cannot express; binding every parameter with
 * its Java type lets a null still reach PostgreSQL as the right column type (an untyped null would be
 * sent as bytea and rejected).
 */
public final class NativeSql {
    private final NativeQuery<?> query;

    private NativeSql(NativeQuery<?> query) {
        this.query = query;
    }

    public static NativeSql of(EntityManager em, String sql) {
        return new NativeSql(em.createNativeQuery(sql).unwrap(NativeQuery.class));
    }

    public NativeSql text(String name, String value) {
        query.setParameter(name, value, String.class);
        return this;
    }

    public NativeSql instant(String name, Instant value) {
        query.setParameter(name, value, Instant.class);
        return this;
    }

    public NativeSql date(String name, java.time.LocalDate value) {
        query.setParameter(name, value, java.time.LocalDate.class);
        return this;
    }

    public NativeSql decimal(String name, BigDecimal value) {
        query.setParameter(name, value, BigDecimal.class);
        return this;
    }

    public NativeSql integer(String name, Integer value) {
        query.setParameter(name, value, Integer.class);
        return this;
    }

    public NativeSql bigint(String name, Long value) {
        query.setParameter(name, value, Long.class);
        return this;
    }

    public NativeSql bool(String name, Boolean value) {
        query.setParameter(name, value, Boolean.class);
        return this;
    }

    public NativeSql limit(String name, int value) {
        return integer(name, value);
    }

    public int execute() {
        return query.executeUpdate();
    }

    /** Rows of a query; a single-column query yields the bare values (use {@link #results()}). */
    @SuppressWarnings("unchecked")
    public List<Object[]> rows() {
        return (List<Object[]>) query.getResultList();
    }

    /** Results without assuming their shape. */
    public List<?> results() {
        return query.getResultList();
    }

    /** A timestamptz column as an Instant, whichever Java type the driver chose for it. */
    public static Instant instantOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalArgumentException("not a timestamp: " + value.getClass());
    }

    public static BigDecimal decimalOf(Object value) {
        if (value == null) {
            return BigDecimal.ZERO;
        }
        return value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
    }

    /** A date column as a LocalDate, whichever Java type the driver chose for it. */
    public static java.time.LocalDate dateOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.time.LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return java.time.LocalDate.parse(value.toString());
    }

    public static long longOf(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
