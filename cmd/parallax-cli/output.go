package main

// Output helpers shared by the commands: JSON, dates, progress lines.

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/parallax-news/parallax/app"
)

// json prints v as one JSON document.
func (e *env) json(v any) int {
	if err := writeJSONLine(e.stdout, v); err != nil {
		return e.fail(err)
	}
	return exitOK
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeJSONLine(w io.Writer, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

func date(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format(time.DateOnly)
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

func yes(b bool) string {
	if b {
		return "yes (a summary only)"
	}
	return ""
}

func origin(o app.Origin) string {
	s := o.Path
	if o.Feed != "" {
		s += " (feed " + o.Feed + ")"
	}
	if o.GUID != "" {
		s += " item " + o.GUID
	}
	return s
}

func topCounts(m map[string]int, n int) string {
	type kv struct {
		k string
		v int
	}
	var kvs []kv
	for k, v := range m {
		if k == "" {
			k = "(none)"
		}
		kvs = append(kvs, kv{k, v})
	}
	slices.SortFunc(kvs, func(a, b kv) int {
		if a.v != b.v {
			return b.v - a.v
		}
		return strings.Compare(a.k, b.k)
	})
	var parts []string
	for i, p := range kvs {
		if i == n {
			parts = append(parts, fmt.Sprintf("… %d more", len(kvs)-n))
			break
		}
		parts = append(parts, fmt.Sprintf("%s %d", p.k, p.v))
	}
	return strings.Join(parts, ", ")
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// statusWriter draws a progress line on a terminal, at most ten times a
// second; elsewhere (a file or pipe) it prints nothing, or with lines
// set, one line each time.
type statusWriter struct {
	w     io.Writer
	tty   bool
	lines bool
	last  time.Time
	drawn bool
}

func newStatusWriter(w io.Writer, lines bool) *statusWriter {
	f, ok := w.(*os.File)
	tty := false
	if ok {
		if fi, err := f.Stat(); err == nil {
			tty = fi.Mode()&os.ModeCharDevice != 0
		}
	}
	return &statusWriter{w: w, tty: tty, lines: lines && !tty}
}

func (s *statusWriter) progress(p app.ImportProgress) {
	rate := float64(p.FilesDone) / max(p.Elapsed.Seconds(), 1e-9)
	s.line("%d/%d files  %d imported  %d revisions  %d duplicates  %d failed  %.0f files/s  (Ctrl-C stops safely)",
		p.FilesDone, p.Files, p.Imported, p.Revisions, p.Duplicates, p.Failed, rate)
}

// force draws a status line now, however recent the last.
func (s *statusWriter) force(format string, args ...any) {
	s.last = time.Time{}
	s.line(format, args...)
}

// line redraws the progress line.
func (s *statusWriter) line(format string, args ...any) {
	if !s.tty && !s.lines || time.Since(s.last) < 100*time.Millisecond {
		return
	}
	s.last = time.Now()
	if s.lines {
		fmt.Fprintf(s.w, "progress: "+format+"\n", args...)
		return
	}
	fmt.Fprintf(s.w, "\r\033[K"+format, args...)
	s.drawn = true
}

func (s *statusWriter) clear() {
	if s.drawn {
		fmt.Fprint(s.w, "\r\033[K")
		s.drawn = false
	}
}

// maxTitle is how much of a title a table line shows: a feed's "title"
// can be a whole article, which would bury every other line.
const maxTitle = 160

// articleIDs parses article IDs given as arguments.
func articleIDs(args []string) ([]app.ArticleID, error) {
	ids := make([]app.ArticleID, 0, len(args))
	for _, a := range args {
		id, err := app.ParseArticleID(a)
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// dayRange parses --after and --before (YYYY-MM-DD; empty: unbounded).
func dayRange(after, before string) (from, to time.Time, err error) {
	for _, d := range []struct {
		s string
		t *time.Time
	}{{after, &from}, {before, &to}} {
		if d.s == "" {
			continue
		}
		if *d.t, err = time.Parse(time.DateOnly, d.s); err != nil {
			return from, to, app.Errorf(app.EINVALID, "date %q: use YYYY-MM-DD", d.s)
		}
	}
	return from, to, nil
}
