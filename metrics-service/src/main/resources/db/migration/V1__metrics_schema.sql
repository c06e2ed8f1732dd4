-- metrics-service owns the schema "metrics": facts folded from every topic, one row per thing that
-- happened, so any period can be reported later without replaying Kafka.
--
-- Topics are not ordered against each other (and a receipt may overtake its TextSent), so every fact
-- table is filled by upserts from whichever event arrives first; most columns are therefore nullable
-- and nothing references anything else by foreign key. Joins happen at query time.

-- Ids of events already applied, written in the same transaction as their effects.
create table processed_event (
    event_id     text primary key,
    processed_at timestamptz not null default now()
);

-- The latest profile of each business (only a higher revision replaces a row; a tombstone deletes it).
create table business (
    id                   text primary key,
    name                 text,
    time_zone            text           not null,
    monthly_cost         numeric(14, 4),
    average_client_value numeric(14, 4),
    currency             varchar(3),
    revision             bigint         not null,
    updated_at           timestamptz
);

-- Every inbound call. A row may be created by a TextSent or TextSuppressed (lead_id only) before its
-- CallEnded arrives; ended_at stays null until then, so such a row is not counted as a call yet.
create table call_fact (
    call_id     text primary key,
    business_id text        not null,
    caller      text,
    outcome     varchar(16),
    reachable   boolean,
    ended_at    timestamptz,
    lead_id     text
);
create index call_fact_business_ended on call_fact (business_id, ended_at);

-- One row per lead (a missed call from a reachable caller, plus the calls that joined it).
-- missed_at is the end of the lead's opening call: a TextSent states it; until one arrives, the
-- earliest missed call seen for the lead (the opening call is always the earliest).
create table lead_fact (
    lead_id              text primary key,
    business_id          text        not null,
    opening_call_id      text,
    opening_confirmed    boolean     not null default false,
    caller               text,
    missed_at            timestamptz,
    first_text_id        text,
    texted_at            timestamptz,
    variant              text,
    first_text_status    varchar(16),
    first_text_status_at timestamptz,
    delivered_at         timestamptz,
    first_reply_at       timestamptz,
    reply_after_step     int,
    replies              int         not null default 0,
    opted_out_at         timestamptz
);
create index lead_fact_business_missed on lead_fact (business_id, missed_at);

-- Every outbound text. sent_price comes from TextSent, receipt_price from a delivery receipt; the
-- receipt's wins because it is what the provider finally billed.
create table text_fact (
    text_id       text primary key,
    lead_id       text,
    business_id   text           not null,
    step          int,
    accepted_at   timestamptz,
    sent_price    numeric(14, 6),
    receipt_price numeric(14, 6),
    price         numeric(14, 6) generated always as (coalesce(receipt_price, sent_price)) stored,
    currency      varchar(3),
    status        varchar(16),
    status_at     timestamptz
);
create index text_fact_lead on text_fact (lead_id);

-- Every missed call that was not texted, with the reason.
create table suppression_fact (
    call_id     text primary key,
    business_id text        not null,
    lead_id     text,
    reason      varchar(32) not null,
    missed_at   timestamptz
);
create index suppression_fact_business_missed on suppression_fact (business_id, missed_at);

-- Every conversion, at its latest revision. Attributed to a lead through lead_call_id -> call_fact.lead_id.
create table conversion_fact (
    conversion_id text primary key,
    business_id   text           not null,
    lead_call_id  text,
    value         numeric(14, 4),
    currency      varchar(3),
    estimated     boolean        not null,
    recovered     boolean        not null,
    occurred_at   timestamptz,
    revision      int            not null
);
create index conversion_fact_lead_call on conversion_fact (lead_call_id);
create index conversion_fact_business on conversion_fact (business_id);
