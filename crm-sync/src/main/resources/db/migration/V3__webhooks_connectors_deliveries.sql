-- Inbound booking webhooks (a signing secret per business), outbound connectors to external CRMs
-- (settings per business), and the table-backed delivery queue that keeps connector calls off the
-- Kafka consumers.

-- Never published on Kafka: readable and rotatable only through the admin API. The previous secret
-- stays valid for a grace period after a rotation, so a booking tool can be updated without gaps.
create table business_webhook_secret (
    business_id     text primary key references business (id) on delete cascade,
    secret          text        not null,
    previous_secret text,
    rotated_at      timestamptz not null
);

-- One row per business and connector (hubspot, webhook); no row = disabled.
create table business_connector (
    business_id text        not null references business (id) on delete cascade,
    connector   text        not null,
    enabled     boolean     not null,
    url         text,
    token       text,
    secret      text,
    updated_at  timestamptz not null,
    primary key (business_id, connector)
);

-- Written in the same transaction as the change it reports; the worker delivers it later with
-- retries and exponential backoff. dedupe_key makes an accidental second enqueue a no-op.
create table crm_delivery (
    id              bigserial primary key,
    business_id     text        not null,
    connector       text        not null,
    kind            text        not null,
    dedupe_key      text        not null,
    payload         text        not null,
    status          text        not null,
    attempts        int         not null default 0,
    next_attempt_at timestamptz not null,
    last_error      text,
    created_at      timestamptz not null,
    delivered_at    timestamptz,
    constraint crm_delivery_dedupe unique (connector, dedupe_key)
);
create index crm_delivery_due on crm_delivery (next_attempt_at) where status = 'PENDING';
create index crm_delivery_business on crm_delivery (business_id, status, id desc);

-- Ids of our contacts and conversions in an external CRM (HubSpot contact id, deal id), so a retry
-- or a later revision updates instead of creating a duplicate.
create table crm_external_ref (
    connector   text not null,
    business_id text not null,
    local_id    text not null,
    remote_id   text not null,
    primary key (connector, business_id, local_id)
);
