-- person_roles: the people table's extra column, every role a person was given
list_sort(coalesce(list(distinct role) filter (role is not null), [])) as roles
