// Package assets holds what the binaries carry inside them: the app's
// metadata and icon (generated from FyneApp.toml) and the demo collection.
// It does not import Fyne, so the CLI can use it too.
package assets

import (
	"embed"
	"io/fs"
)

//go:generate go run ./internal/genmeta -toml ../FyneApp.toml -out metadata_gen.go

//go:embed demo
var demo embed.FS

// Demo is the built-in demo collection: short articles the team wrote
// about an invented event, reported by two outlets, one of them revised.
func Demo() fs.FS {
	sub, err := fs.Sub(demo, "demo")
	if err != nil {
		panic(err) // the embed directive guarantees the folder
	}
	return sub
}
