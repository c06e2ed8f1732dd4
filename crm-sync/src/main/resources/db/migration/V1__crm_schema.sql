-- crm-sync owns the schema "crm": businesses (tenants), contacts, missed calls kept for attribution,
-- conversions, the transactional outbox and the ids of events already applied.

create table business (
    id                      text primary key,
    name                    text           not null,
    country                 char(2)        not null,
    time_zone               text           not null,
    forward_to              text,
    enabled                 boolean        not null,
    dedupe_window_hours     int            not null,
    attribution_window_days int            not null,
    average_client_value    numeric(14, 4) not null,
    monthly_cost            numeric(14, 4) not null,
    currency                char(3)        not null,
    revision                bigint         not null,
    created_at              timestamptz    not null,
    updated_at              timestamptz    not null
);

-- A number routes calls to exactly one business, hence unique across all of them.
create table business_number (
    business_id text not null references business (id) on delete cascade,
    position    int  not null,
    number      text not null,
    primary key (business_id, position),
    constraint business_number_unique unique (number)
);

create table business_template (
    business_id text not null references business (id) on delete cascade,
    position    int  not null,
    variant     text not null,
    body        text not null,
    weight      int  not null,
    primary key (business_id, position)
);

-- No foreign key to business: events for a business we do not know yet are still recorded.
create table contact (
    id          text primary key,
    business_id text        not null,
    phone       text        not null,
    first_seen  timestamptz not null,
    last_seen   timestamptz not null,
    opted_out   boolean     not null default false,
    created_at  timestamptz not null default now(),
    constraint contact_business_phone unique (business_id, phone)
);
create index contact_business_first_seen on contact (business_id, first_seen desc);

create table contact_tag (
    contact_id text        not null references contact (id) on delete cascade,
    tag        text        not null,
    tagged_at  timestamptz not null,
    primary key (contact_id, tag)
);
create index contact_tag_tag on contact_tag (tag, contact_id);

create table contact_event (
    id         bigserial primary key,
    contact_id text        not null references contact (id) on delete cascade,
    at         timestamptz not null,
    kind       text        not null,
    ref_id     text,
    detail     text
);
create index contact_event_contact_at on contact_event (contact_id, at);

create table missed_call (
    call_id     text primary key,
    business_id text        not null,
    phone       text        not null,
    ended_at    timestamptz not null
);
create index missed_call_lookup on missed_call (business_id, phone, ended_at desc);

create table conversion (
    id           text primary key,
    business_id  text           not null,
    contact_id   text,
    phone        text,
    type         text           not null,
    value        numeric(14, 4) not null,
    currency     char(3)        not null,
    estimated    boolean        not null,
    occurred_at  timestamptz    not null,
    lead_call_id text,
    recovered    boolean        not null,
    external_id  text,
    revision     int            not null,
    recorded_at  timestamptz    not null,
    updated_at   timestamptz    not null,
    constraint conversion_external_id unique (business_id, external_id)
);
create index conversion_business_recorded on conversion (business_id, recorded_at desc);

create table outbox (
    id         bigserial primary key,
    topic      text        not null,
    msg_key    text        not null,
    event_id   text        not null,
    event_type text        not null,
    subject    text,
    payload    text, -- null is a tombstone on the compacted businesses topic
    created_at timestamptz not null default now()
);

create table processed_event (
    event_id     text primary key,
    processed_at timestamptz not null default now()
);
