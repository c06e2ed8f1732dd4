-- Generates 350,000 events shaped like the rebuild benchmark's (100,000 calls, texts and receipts, 30,000
-- replies, 20,000 conversions) into a tab-separated file, and drops the secondary indexes as the
-- rebuild does before its bulk replay. Run by ./run.
\timing on
do $$ declare r record; begin
 for r in select indexname from pg_indexes where schemaname='public' and indexname not in (select conname from pg_constraint) loop
  execute 'drop index ' || r.indexname; end loop; end $$;
create unlogged table stage_src (seq bigint, id text, type text, key text, body text);
insert into stage_src
select row_number() over () , gen_random_uuid()::text, t, k, b from (
 select 'CallEnded' t, 'c'||i k, json_build_object('callId','c'||i,'provider','vonage','businessId','b1','caller','+1555'||lpad(i::text,7,'0'),'callerReachable',true,'called','+15550000000','outcome','MISSED','reason',null,'startedAt','2026-01-01T10:00:00Z','endedAt',(timestamptz '2026-01-01T10:00:30Z' + i * interval '1 min')::text,'durationSeconds',30)::text b, i from generate_series(1,100000) i
 union all
 select 'TextSent', 'l'||i, json_build_object('textId','t'||i,'leadId','l'||i,'businessId','b1','callId','c'||i,'recipient','+1555'||lpad(i::text,7,'0'),'sender','+15550000000','step',0,'variant','A','missedAt','2026-01-01T10:00:30Z','acceptedAt','2026-01-01T10:00:31.123Z','providerMessageId','m'||i,'segments',1,'price',0.0079,'currency','USD')::text, i from generate_series(1,100000) i
 union all
 select 'TextStatusChanged', 'l'||i, json_build_object('textId','t'||i,'leadId','l'||i,'businessId','b1','recipient','+1555'||lpad(i::text,7,'0'),'step',0,'status','DELIVERED','providerMessageId','m'||i,'errorCode',null,'price',0.0079,'currency','USD','statusAt','2026-01-01T10:00:35Z')::text, i from generate_series(1,100000) i
 union all
 select 'ReplyReceived', 'l'||i, json_build_object('replyId','r'||i,'leadId','l'||i,'businessId','b1','sender','+1555','text','yes please','afterStep',0,'receivedAt','2026-01-01T10:05:35Z')::text, i from generate_series(1,30000) i
 union all
 select 'ConversionRecorded', 'k'||i, json_build_object('conversionId','k'||i,'businessId','b1','contactId','x','phone','+1555','type','BOOKING','value',120.5,'currency','USD','estimated',false,'occurredAt','2026-01-02T10:05:35Z','leadCallId','c'||i,'recovered',true,'externalId','e','revision',1,'recordedAt','2026-01-02T10:05:35Z')::text, i from generate_series(1,20000) i
) x order by i, t;
select count(*), avg(length(body)) from stage_src;
\copy stage_src to 'stage.tsv'
