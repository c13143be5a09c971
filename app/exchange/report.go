package exchange

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/parallax-news/parallax/app"
)

// CSVHeader names the columns ExportCSV writes.
var CSVHeader = []string{
	"annotation_id", "annotation_uri", "article_id", "title", "outlet", "url", "published", "revision",
	"start", "end", "quote", "prefix", "suffix", "note", "tags", "color", "analyst", "status", "created", "modified",
}

// ExportCSV writes one row per annotation (RFC 4180, UTF-8). Text cells are
// defused against spreadsheet formula injection: a cell that starts with
// =, +, -, @, tab or carriage return gets a leading apostrophe, as OWASP
// recommends, so Excel and LibreOffice show it as text instead of running it.
func ExportCSV(w io.Writer, b Bundle) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	for _, it := range b.Items {
		for _, a := range it.Annotations {
			rev := it.Revisions[a.Revision]
			row := []string{
				a.ID.String(), SafeCell(a.URI), a.Article.String(), SafeCell(rev.Title), SafeCell(rev.Outlet), SafeCell(rev.URL),
				isoTime(rev.Published), strconv.Itoa(a.Revision), strconv.Itoa(a.Start), strconv.Itoa(a.End),
				SafeCell(a.Quote), SafeCell(a.Prefix), SafeCell(a.Suffix), SafeCell(a.Note), SafeCell(strings.Join(a.Tags, "; ")),
				a.Color, SafeCell(a.Analyst), string(a.Status), isoTime(a.Created), isoTime(a.Modified),
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// SafeCell quotes a CSV cell that a spreadsheet would run as a formula
// (one starting with =, +, -, @, a tab or a carriage return).
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func isoTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// ExportMarkdown writes a report: the project's memos, the code book's
// memos, then per article its metadata and memos, then each annotated
// passage as a blockquote with its note and tags.
func ExportMarkdown(w io.Writer, b Bundle) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# Annotations\n\n%d annotations on %d articles.\n", b.Annotations(), len(b.Items))
	var project, codes []app.Memo
	for _, m := range b.Memos {
		if m.Kind == app.ProjectMemo {
			project = append(project, m)
		} else {
			codes = append(codes, m)
		}
	}
	if len(project) > 0 {
		sb.WriteString("\n## Project memos\n")
		for _, m := range project {
			mdMemo(&sb, m, "")
		}
	}
	if len(codes) > 0 {
		sb.WriteString("\n## Code memos\n")
		for _, m := range codes {
			mdMemo(&sb, m, "`"+strings.ReplaceAll(m.Tag, "`", "'")+"`")
		}
	}
	for _, it := range b.Items {
		a := it.Article
		fmt.Fprintf(&sb, "\n## %s\n\n", mdInline(a.Title))
		meta := []string{fmt.Sprintf("Article %d", a.ID)}
		if a.Outlet != "" {
			meta = append(meta, mdInline(a.Outlet))
		}
		if !a.Published.IsZero() {
			meta = append(meta, a.Published.UTC().Format("2 January 2006"))
		}
		if a.Revisions > 1 {
			meta = append(meta, fmt.Sprintf("revision %d of %d", it.Latest.Number, a.Revisions))
		}
		sb.WriteString(strings.Join(meta, " · ") + "\n")
		if a.URL != "" {
			fmt.Fprintf(&sb, "\n<%s>\n", a.URL)
		}
		if len(a.Tags) > 0 {
			fmt.Fprintf(&sb, "\nTags: %s\n", mdTags(a.Tags))
		}
		for _, m := range it.Memos {
			mdMemo(&sb, m, "")
		}
		for _, an := range it.Annotations {
			sb.WriteString("\n")
			for _, line := range strings.Split(an.Quote, "\n") {
				if line == "" {
					sb.WriteString(">\n")
				} else {
					sb.WriteString("> " + mdInline(line) + "\n")
				}
			}
			var facts []string
			facts = append(facts, fmt.Sprintf("#%d", an.ID))
			if an.Analyst != "" {
				facts = append(facts, mdInline(an.Analyst))
			}
			facts = append(facts, an.Created.UTC().Format("2006-01-02"))
			if an.Status != "" && an.Status != "anchored" {
				facts = append(facts, "**"+string(an.Status)+"**")
			}
			if an.Revision != it.Latest.Number {
				facts = append(facts, fmt.Sprintf("on revision %d", an.Revision))
			}
			sb.WriteString("\n" + strings.Join(facts, " · ") + "\n")
			if an.Note != "" {
				sb.WriteString("\n" + an.Note + "\n")
			}
			if len(an.Tags) > 0 {
				fmt.Fprintf(&sb, "\nTags: %s\n", mdTags(an.Tags))
			}
		}
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// mdMemo writes a memo: a line saying whose and when (and on what), then
// its Markdown with its headings pushed below the report's own.
func mdMemo(sb *strings.Builder, m app.Memo, on string) {
	facts := []string{"**Memo**"}
	if on != "" {
		facts = append(facts, on)
	}
	if m.Analyst != "" {
		facts = append(facts, mdInline(m.Analyst))
	}
	facts = append(facts, m.Modified.UTC().Format("2006-01-02"))
	sb.WriteString("\n" + strings.Join(facts, " · ") + "\n\n" + demoteHeadings(m.Text, 3) + "\n")
}

// demoteHeadings adds levels to every ATX heading outside code fences,
// so a memo's "# Question" does not outrank the article it sits under.
func demoteHeadings(md string, levels int) string {
	lines := strings.Split(md, "\n")
	fenced := false
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fenced = !fenced
			continue
		}
		if !fenced && len(l)-len(t) < 4 && strings.HasPrefix(t, "#") {
			n := len(t) - len(strings.TrimLeft(t, "#"))
			if n <= 6 && (n == len(t) || t[n] == ' ' || t[n] == '\t') {
				lines[i] = strings.Repeat("#", min(n+levels, 6)) + t[n:]
			}
		}
	}
	return strings.Join(lines, "\n")
}

func mdTags(tags []string) string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = "`" + strings.ReplaceAll(t, "`", "'") + "`"
	}
	return strings.Join(out, ", ")
}

// mdInline escapes the characters that would turn quoted article text
// into Markdown markup.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, "#", `\#`)

func mdInline(s string) string { return mdEscaper.Replace(s) }

// Format names an export format.
type Format string

const (
	FormatW3C      Format = "w3c"
	FormatQDPX     Format = "qdpx"
	FormatCSV      Format = "csv"
	FormatMarkdown Format = "md"
)

// Export writes b in format f. A canceled ctx fails the next write, so
// a long export stops early; written atomically, it leaves no file.
func Export(ctx context.Context, w io.Writer, f Format, b Bundle, origin string) error {
	w = ctxWriter{ctx, w}
	switch f {
	case FormatW3C:
		return ExportW3C(w, b)
	case FormatQDPX:
		return ExportQDPX(w, b, origin)
	case FormatCSV:
		return ExportCSV(w, b)
	case FormatMarkdown:
		return ExportMarkdown(w, b)
	}
	return app.Errorf(app.EINVALID, "unknown export format %q (use w3c, qdpx, csv or md)", f)
}

// ExportFile writes b in format f to path, atomically: a failed or
// canceled export leaves whatever was at path before.
func ExportFile(ctx context.Context, path string, f Format, b Bundle, origin string) error {
	return app.WriteFileAtomic(path, func(w io.Writer) error { return Export(ctx, w, f, b, origin) })
}

// ctxWriter fails writes once its context is canceled.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
