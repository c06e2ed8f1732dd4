-- The "all clients" average of a report sums conversion values by occurred_at: with the value in the
-- index, PostgreSQL answers it from the index alone (index-only scan) instead of visiting each row.
create index conversion_fact_business_occurred_value on conversion_fact (business_id, occurred_at) include (value);
drop index conversion_fact_business_occurred;
