-- all_<table>: stored facts plus those of the run's new articles (a view: nights read few of
-- them, and a copy of every stored row would cost what the warehouse holds, not the night)
create temp view all_{table} as
select * from committed_{table}
union all by name
select * from new_{table}
