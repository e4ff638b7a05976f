module example.com/etl

require github.com/old/lib v1.0.0

replace github.com/old/lib v1.0.0 => github.com/new/lib v1.2.0
