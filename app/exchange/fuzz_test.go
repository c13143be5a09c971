package exchange_test

import (
	"bytes"
	"testing"

	"github.com/parallax-news/parallax/app/exchange"
)

// Annotation files from anywhere must never panic the importer; what
// they cannot place is reported, not stored half-made.

func FuzzImportW3C(f *testing.F) {
	st, doc := w3cBatch(f, 3)
	f.Add(doc)
	f.Add([]byte(`{"@context":"http://www.w3.org/ns/anno.jsonld","type":"Annotation","id":"urn:x:1","target":{"source":"https://news.example/1","selector":{"type":"TextPositionSelector","start":5,"end":2}}}`))
	f.Add([]byte(`[{"@context":"http://www.w3.org/ns/anno.jsonld","type":"AnnotationPage","items":[]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := exchange.ImportW3C(st, "fuzz.jsonld", data)
		if err != nil {
			return
		}
		for _, r := range res {
			// A comment on a whole article is stored as its memo.
			if r.Err == nil && r.Annotation == 0 && r.Memo == 0 {
				t.Fatalf("%s: neither stored nor failed", r.Item)
			}
		}
	})
}

func FuzzImportQDPX(f *testing.F) {
	st, doc := w3cBatch(f, 5)
	if _, err := exchange.ImportW3C(st, "seed.jsonld", doc); err != nil {
		f.Fatal(err)
	}
	var b bytes.Buffer
	bundle, err := exchange.Collect(f.Context(), st, exchange.Filter{}, nil)
	if err != nil {
		f.Fatal(err)
	}
	if err := exchange.Export(f.Context(), &b, exchange.FormatQDPX, bundle, "fuzz"); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="p"><CodeBook><Codes><Code guid="1" name="a/b" isCodable="true"/></Codes></CodeBook></Project>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := exchange.ImportQDPX(st, "fuzz.qdpx", data, fixedNow)
		if err != nil {
			return
		}
		for _, r := range res {
			if r.Err == nil && r.Annotation == 0 && r.Article == 0 && r.Memo == 0 {
				t.Fatalf("%s: neither stored nor failed", r.Item)
			}
		}
	})
}
