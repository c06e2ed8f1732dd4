-- Per-lead facts that need joins (conversions, texts, the opening call) and daily rollups, so a report
-- reads a few hundred pre-summed rows instead of every lead.
--
-- The fold never maintains a rollup row directly: it marks what it touched (dirty_lead, dirty_day) in
-- the same transaction as the facts, and the refresher (rollup.Rollups) recomputes the derived lead
-- columns and then every touched (business, day) from the facts. A rollup is therefore a pure function
-- of the facts: arrival order, redeliveries and late changes (a conversion weeks later, a new value)
-- cannot make it drift, and a rebuild that folds the same events gets the same rows.

-- Derived per-lead facts, recomputed by the refresher for dirty leads.
alter table lead_fact
    add column reachable         boolean,
    add column suppressed_reason varchar(32),
    add column conversions       int,
    add column converted_at      timestamptz,
    add column revenue           numeric,
    add column estimated_revenue numeric,
    add column estimated         boolean,
    add column text_cost         numeric,
    add column texts             int,
    add column speed_seconds     int,
    -- the local day (business's zone) of missed_at that the lead is currently summed into
    add column rollup_day        date;
create index lead_fact_business_rollup_day on lead_fact (business_id, rollup_day);
create index lead_fact_business_texted on lead_fact (business_id, texted_at);
create index lead_fact_business_delivered on lead_fact (business_id, delivered_at);
create index lead_fact_business_replied on lead_fact (business_id, first_reply_at);
create index call_fact_lead on call_fact (lead_id);
create index conversion_fact_business_occurred on conversion_fact (business_id, occurred_at);
create index text_fact_business_accepted on text_fact (business_id, accepted_at);

-- What the fold touched since the last refresh. Written in the fold's transaction, emptied by the refresher.
create table dirty_lead (
    lead_id text primary key
);
create table dirty_day (
    business_id text not null,
    day         date not null,
    primary key (business_id, day)
);

-- Cohort rollup: the leads whose missed call is on this local day, by the variant of their first text
-- ('' when not texted). Money is unrounded numeric.
create table lead_day (
    business_id       text    not null,
    day               date    not null,
    variant           text    not null,
    leads             int     not null,
    texted            int     not null,
    delivered         int     not null,
    replied           int     not null,
    converted         int     not null,
    opted_out         int     not null,
    revenue           numeric not null,
    estimated_revenue numeric not null,
    sms_cost          numeric not null,
    primary key (business_id, day, variant)
);

-- Per follow-up step, for the same cohort: leads that were sent this step, leads whose first reply came
-- after it, and converted leads whose first reply came after it.
create table step_day (
    business_id text not null,
    day         date not null,
    step        int  not null,
    sent        int  not null,
    replied     int  not null,
    converted   int  not null,
    primary key (business_id, day, step)
);

-- Speed to text histogram (whole seconds from the end of the missed call to the provider accepting
-- the first text), so p50 / p95 of any period are exact at one-second resolution.
create table speed_day (
    business_id text not null,
    day         date not null,
    seconds     int  not null,
    leads       int  not null,
    primary key (business_id, day, seconds)
);

-- Calls by the local day they ended.
create table call_day (
    business_id text not null,
    day         date not null,
    inbound     int  not null,
    missed      int  not null,
    primary key (business_id, day)
);

-- Suppressed missed calls by local day and reason.
create table suppression_day (
    business_id text        not null,
    day         date        not null,
    reason      varchar(32) not null,
    calls       int         not null,
    primary key (business_id, day, reason)
);

-- Everything folded before this migration: mark it so the first refresh computes its rollups.
insert into dirty_lead (lead_id) select lead_id from lead_fact;
insert into dirty_day (business_id, day)
select distinct c.business_id, (c.ended_at at time zone coalesce(b.time_zone, 'UTC'))::date
from call_fact c left join business b on b.id = c.business_id
where c.ended_at is not null
union
select distinct s.business_id, (s.missed_at at time zone coalesce(b.time_zone, 'UTC'))::date
from suppression_fact s left join business b on b.id = s.business_id
where s.missed_at is not null;
