package exchange

import (
	"bytes"
	"path/filepath"
	"strings"
	"time"

	"github.com/parallax-news/parallax/app"
)

// Formats returns the annotation file formats for app.Importer, storing
// into st.
func Formats(st app.Store) []app.AnnotationFormat {
	return []app.AnnotationFormat{w3cFormat{st}, qdpxFormat{st}}
}

type w3cFormat struct{ st app.Store }

func (w3cFormat) Name() string { return "w3c-annotations" }

// Claims JSON whose start names the Web Annotation context; a JSON Feed
// or any other JSON is left to the article importer.
func (w3cFormat) Claims(path string, data []byte) bool {
	head := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) == 0 || (head[0] != '{' && head[0] != '[') {
		return false
	}
	return bytes.Contains(head[:min(len(head), 4096)], []byte(W3CContext))
}

func (f w3cFormat) Import(path string, data []byte, now time.Time) ([]app.ImportResult, error) {
	res, err := ImportW3C(f.st, path, bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))
	return toImportResults(res), err
}

type qdpxFormat struct{ st app.Store }

func (qdpxFormat) Name() string { return "refi-qda" }

func (qdpxFormat) Claims(path string, data []byte) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".qdpx":
		return true
	case ".qde":
		return bytes.Contains(data[:min(len(data), 4096)], []byte(QDANamespace))
	}
	return false
}

func (f qdpxFormat) Import(path string, data []byte, now time.Time) ([]app.ImportResult, error) {
	res, err := ImportQDPX(f.st, path, data, now)
	return toImportResults(res), err
}

func toImportResults(in []ImportResult) []app.ImportResult {
	out := make([]app.ImportResult, 0, len(in))
	for _, r := range in {
		res := app.ImportResult{ID: r.Article, Annotation: r.Annotation, Anchor: r.Status, Label: r.Item, Memo: r.Memo, Err: r.Err}
		if r.Text {
			res.Outcome, res.Title = r.Outcome, r.Item
		}
		out = append(out, res)
	}
	return out
}
