package main

import (
	"os"
	"testing"
)

// The committed metadata must be what FyneApp.toml says now: edit the toml,
// then run go generate ./assets.
func TestGeneratedMetadataIsCurrent(t *testing.T) {
	want, err := Generate("../../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../metadata_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("assets/metadata_gen.go is stale: run go generate ./assets")
	}
}
