module github.com/parallax-news/parallax

go 1.26.0

require (
	codeberg.org/readeck/go-readability/v2 v2.1.3
	github.com/gogs/chardet v0.0.0-20211120154057-b7413eaefb8f
	github.com/itlightning/dateparse v0.2.1
	github.com/mmcdole/gofeed v1.4.2
	github.com/yuin/goldmark v1.7.8
	golang.org/x/net v0.62.0
	golang.org/x/text v0.43.0
)

require (
	fyne.io/fyne/v2 v2.7.1 // indirect
	github.com/andybalholm/cascadia v1.3.3 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/dgraph-io/badger/v4 v4.9.6 // indirect
	github.com/dgraph-io/ristretto/v2 v2.2.0 // indirect
	github.com/dustin/go-humanize v1.0.1 // indirect
	github.com/go-logr/logr v1.4.3 // indirect
	github.com/go-logr/stdr v1.2.2 // indirect
	github.com/go-shiori/dom v0.0.0-20230515143342-73569d674e1c // indirect
	github.com/google/flatbuffers v25.2.10+incompatible // indirect
	github.com/klauspost/compress v1.18.0 // indirect
	github.com/mmcdole/goxpp/v2 v2.0.0 // indirect
	github.com/sahilm/fuzzy v0.1.3 // indirect
	go.opentelemetry.io/auto/sdk v1.2.1 // indirect
	go.opentelemetry.io/otel v1.41.0 // indirect
	go.opentelemetry.io/otel/metric v1.41.0 // indirect
	go.opentelemetry.io/otel/trace v1.41.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	google.golang.org/protobuf v1.36.7 // indirect
)
