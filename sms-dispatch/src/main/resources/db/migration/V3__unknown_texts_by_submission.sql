-- The unknown-text check looks up UNKNOWN texts by when their submission started.
create index outbound_text_unknown on outbound_text (submit_started_at) where state = 'UNKNOWN';
