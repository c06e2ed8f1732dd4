-- Issue 4: texting windows, follow-up sequences, conversions, service texts (confirmations, HELP),
-- estimated cost before sending and concatenated inbound SMS.

-- Business settings sms-dispatch needs from the profile (all optional in the contract).
alter table business
    add column texting_window_start text,              -- "HH:mm", recipient's local time; null = legal window only
    add column texting_window_end   text,
    add column follow_ups           text not null default '[]', -- JSON array of {step, delayMinutes, body}
    add column booking_link         text;

-- A lead stops its follow-ups when it converts (ConversionRecorded on textback.crm.v1).
alter table lead
    add column converted_at timestamptz;

-- Service texts (opt-out / opt-in confirmations, HELP answers) belong to no lead: kind tells them apart,
-- and they never publish lead events. Lead texts stay unique per (lead, step).
alter table outbound_text
    alter column lead_id drop not null,
    add column kind              text          not null default 'LEAD',
    add column estimated_cost    numeric(14,4),          -- segments x configured price, known before sending
    add column deferred_until    timestamptz,            -- set when quiet hours moved the first attempt
    add column trigger_message_id text,                  -- the inbound message a service text answers
    add column submit_started_at  timestamptz;           -- committed right before the request leaves
create unique index outbound_text_service_once on outbound_text (trigger_message_id, step) where kind = 'SERVICE';
create index outbound_text_by_lead_state on outbound_text (lead_id, state);

-- Parts of concatenated inbound SMS, until all of them arrived.
create table inbound_part (
    msisdn      text        not null,
    to_number   text        not null,
    concat_ref  text        not null,
    part        integer     not null,
    total       integer     not null,
    message_id  text        not null,
    text        text,
    received_at timestamptz not null,
    primary key (msisdn, to_number, concat_ref, part)
);
