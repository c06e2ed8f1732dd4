-- sms-dispatch owns the "dispatch" schema: its copy of the businesses, leads, outbound texts and
-- their state machine, opt-outs, inbound messages, processed event ids and the outbox.

-- Local copy of the businesses topic (crm-sync owns the truth). A tombstone sets deleted.
create table business (
    id                  text        primary key,
    name                text        not null,
    time_zone           text        not null,
    enabled             boolean     not null,
    deleted             boolean     not null default false,
    dedupe_window_hours integer     not null,
    templates           text        not null, -- JSON array of {variant, body, weight}, in order
    revision            bigint      not null,
    updated_at          timestamptz not null
);

-- Number -> business index. A number belongs to one business: the latest snapshot that lists it wins.
create table business_number (
    number      text    primary key,
    business_id text    not null references business (id) on delete cascade,
    position    integer not null
);
create index business_number_by_business on business_number (business_id, position);

-- A lead is a missed call from a reachable caller; later missed calls inside the dedupe window join it.
create table lead (
    id             text        primary key, -- UUID.nameUUIDFromBytes("lead:" + opening callId)
    business_id    text        not null,
    phone          text        not null,
    call_id        text        not null unique,
    missed_at      timestamptz not null,    -- when the opening call ended
    last_missed_at timestamptz not null,
    missed_calls   integer     not null,
    replied_at     timestamptz,
    created_at     timestamptz not null
);
create index lead_by_caller on lead (business_id, phone, missed_at desc);

-- Every missed call we decided about, with the decision: TEXTED or a suppression reason.
create table missed_call (
    call_id     text        primary key,
    business_id text        not null,
    caller      text,
    lead_id     text,
    ended_at    timestamptz not null,
    decision    text        not null,
    decided_at  timestamptz not null
);
create index missed_call_by_lead on missed_call (lead_id);

-- Outbound texts and their send state machine:
-- PENDING -> SENDING (lease) -> SENT | FAILED | UNKNOWN, and PENDING -> CANCELLED on opt-out.
create table outbound_text (
    id                  uuid          primary key, -- also the Vonage client-ref
    lead_id             text          not null references lead (id),
    business_id         text          not null,
    step                integer       not null,
    recipient           text          not null,
    sender              text          not null,
    variant             text          not null,
    body                text          not null,
    segments            integer       not null,
    unicode             boolean       not null,
    state               text          not null,
    attempts            integer       not null default 0,
    next_attempt_at     timestamptz   not null,
    lease_until         timestamptz,
    provider_message_id text,
    price               numeric(14,4),
    currency            text,
    error_code          text,
    delivery_status     text,
    delivery_status_at  timestamptz,
    accepted_at         timestamptz,
    created_at          timestamptz   not null,
    updated_at          timestamptz   not null,
    constraint outbound_text_once_per_step unique (lead_id, step)
);
create index outbound_text_due on outbound_text (next_attempt_at) where state = 'PENDING';
create index outbound_text_leased on outbound_text (lease_until) where state = 'SENDING';
create index outbound_text_by_message on outbound_text (provider_message_id);
create index outbound_text_by_recipient on outbound_text (business_id, recipient);

-- Opt-out state per (business, phone); a row stays after opting back in, with opted_out false.
create table opt_out (
    business_id text        not null,
    phone       text        not null,
    opted_out   boolean     not null,
    keyword     text,
    changed_at  timestamptz not null,
    primary key (business_id, phone)
);

-- Inbound SMS, keyed by the provider's message id so retried webhooks are absorbed.
create table inbound_message (
    message_id  text        primary key,
    business_id text        not null,
    phone       text        not null,
    to_number   text        not null,
    text        text,
    kind        text        not null, -- REPLY, OPT_OUT, OPT_IN, IGNORED
    keyword     text,
    lead_id     text,
    received_at timestamptz not null
);
create index inbound_message_by_caller on inbound_message (business_id, phone, received_at);

-- Idempotent consumers: ids of events (and receipts) already applied.
create table processed_event (
    event_id     text        primary key,
    processed_at timestamptz not null default now()
);

-- Transactional outbox: written with the state change, published and deleted by the relay.
create table outbox (
    id         bigserial   primary key,
    topic      text        not null,
    msg_key    text        not null,
    event_id   text        not null,
    event_type text        not null,
    subject    text,
    payload    text        not null,
    created_at timestamptz not null default now()
);
