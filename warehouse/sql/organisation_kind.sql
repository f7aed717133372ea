-- organisation_kind: the organisations table's extra column (from organisation_kind_join)
any_value(k.kind) as kind
