-- entity_names: every (type, name) to resolve, with its mention count (quote speakers count 0)
select type, name, sum(n) as n
from (
    select type, name, count(*) as n from {mentions} group by all
    union all
    select speaker_type, speaker, 0 from {quotes}
    where speaker_type in ('person', 'organisation') and speaker is not null group by all
)
group by all
