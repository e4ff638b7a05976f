module example.com/etl

go 1.22

require (
	github.com/gin-gonic/gin v1.9.1
	golang.org/x/net v0.25.0 // indirect
)

require github.com/google/uuid v1.6.0

replace github.com/google/uuid => ../uuid
