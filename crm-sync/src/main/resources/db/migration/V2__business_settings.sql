-- Business settings added to the BusinessProfile contract: opening hours, a texting window that
-- narrows the legal one, follow-up steps, the ring timeout of the forwarded call, a booking link.
-- Existing rows keep nulls: the published profile then says "not set" and consumers use defaults.

alter table business
    add column ring_timeout_seconds int,
    add column booking_link         text,
    add column texting_window_start char(5),
    add column texting_window_end   char(5);

create table business_hours (
    business_id text    not null references business (id) on delete cascade,
    position    int     not null,
    day         text    not null,
    opens       char(5) not null,
    closes      char(5) not null,
    primary key (business_id, position)
);

create table business_follow_up (
    business_id   text not null references business (id) on delete cascade,
    position      int  not null,
    step          int  not null,
    delay_minutes int  not null,
    body          text not null,
    primary key (business_id, position)
);
