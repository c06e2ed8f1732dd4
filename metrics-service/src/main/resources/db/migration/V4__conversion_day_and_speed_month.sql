-- Two more rollups, so the 12-month table reads a few hundred pre-summed rows instead of every
-- conversion of the year and every (day, second) row of the speed histogram (docs/benchmarks.md).

-- Every conversion of the business (recovered or not) by the local day it occurred: the "all clients"
-- average of a report. Recomputed by the refresher for each dirty day, like the other day rollups; a
-- conversion marks the day it occurred on (and, when a revision moves it, the day it left).
create table conversion_day (
    business_id text    not null,
    day         date    not null,
    conversions int     not null,
    value       numeric not null,
    primary key (business_id, day)
);

-- The speed-to-text histogram of each month (first day of the month), the sum of its speed_day rows.
-- Recomputed from speed_day for the months of the days a refresh recomputed.
create table speed_month (
    business_id text not null,
    month       date not null,
    seconds     int  not null,
    leads       int  not null,
    primary key (business_id, month, seconds)
);

-- Fill both for what is already folded: the days with conversions, and one day of every month with
-- speed rows (recomputing a day recomputes its month).
insert into dirty_day (business_id, day)
select distinct c.business_id, (c.occurred_at at time zone coalesce(b.time_zone, 'UTC'))::date
from conversion_fact c left join business b on b.id = c.business_id
where c.occurred_at is not null
on conflict do nothing;
insert into dirty_day (business_id, day)
select distinct business_id, cast(date_trunc('month', day) as date) from speed_day
on conflict do nothing;
