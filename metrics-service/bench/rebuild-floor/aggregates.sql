-- The "write each row once" variant for the lead rows: every lead's events grouped into one row
-- with aggregates, instead of one upsert per event. Run by ./run after upserts.sql.
\timing on
truncate processed_event, lead_fact, text_fact, call_fact;
drop table if exists ev; 
create temp table ev as select seq, id, type, body::jsonb j from stage;
select id from ev group by id having count(*) > 1;
insert into processed_event (event_id) select id from ev order by id;
create temp table lw as 
 select j->>'leadId' lead_id, seq, 'T' kind, j->>'businessId' business_id, j->>'callId' call_id, j->>'recipient' caller, (j->>'missedAt')::timestamptz missed_at,
   case when coalesce((j->>'step')::int,0)=0 then j->>'textId' end text_id, case when coalesce((j->>'step')::int,0)=0 then (j->>'acceptedAt')::timestamptz end texted_at, case when coalesce((j->>'step')::int,0)=0 then j->>'variant' end variant,
   null::text status, null::timestamptz status_at, null::int after_step from ev where type='TextSent'
 union all
 select j->>'leadId', seq, 'R', j->>'businessId', null, j->>'recipient', null, null, null, null, case when coalesce((j->>'step')::int,0)=0 then j->>'status' end, case when coalesce((j->>'step')::int,0)=0 then (j->>'statusAt')::timestamptz end, null from ev where type='TextStatusChanged' and j->>'leadId' is not null
 union all
 select j->>'leadId', seq, 'P', j->>'businessId', null, j->>'sender', null, null, null, null, null, (j->>'receivedAt')::timestamptz, (j->>'afterStep')::int from ev where type='ReplyReceived' and j->>'leadId' is not null;
insert into lead_fact (lead_id, business_id, opening_call_id, opening_confirmed, caller, missed_at, first_text_id, texted_at, variant, first_text_status, first_text_status_at, delivered_at, first_reply_at, reply_after_step, replies)
select lead_id,
  coalesce((array_agg(business_id order by seq desc) filter (where kind='T'))[1], (array_agg(business_id order by seq))[1]),
  (array_agg(call_id order by seq desc) filter (where kind='T' and call_id is not null))[1],
  bool_or(kind='T'),
  (array_agg(caller order by seq) filter (where caller is not null))[1],
  (array_agg(missed_at order by seq desc) filter (where kind='T' and missed_at is not null))[1],
  (array_agg(text_id order by seq desc) filter (where text_id is not null))[1],
  (array_agg(texted_at order by seq desc) filter (where texted_at is not null))[1],
  (array_agg(variant order by seq desc) filter (where variant is not null))[1],
  (array_agg(status order by status_at desc, seq desc) filter (where kind='R' and status is not null))[1],
  max(status_at) filter (where kind='R'),
  min(status_at) filter (where kind='R' and status='DELIVERED'),
  min(status_at) filter (where kind='P'),
  (array_agg(after_step order by status_at, seq) filter (where kind='P'))[1],
  count(*) filter (where kind='P')
from lw group by lead_id;
