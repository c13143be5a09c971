package app

import (
	"fmt"
	"slices"
	"strings"
)

// ReportRow is one line of an import report, as the app's report and
// the CLI's import --json show it.
type ReportRow struct {
	Kind   string `json:"kind"`   // "failed", "skipped", "new revision", "imported", "duplicate", "annotation", "memo", "text"
	Where  string `json:"where"`  // the file, with its feed item
	Detail string `json:"detail"` // the reason, or the article's ID and title
	// What the file became, when it became something.
	Article    ArticleID    `json:"article,omitempty"`
	Revision   int          `json:"revision,omitempty"`
	Annotation AnnotationID `json:"annotation,omitempty"`
	Memo       MemoID       `json:"memo,omitempty"`
}

func (r ReportRow) String() string { return r.Kind + "\t" + r.Where + "\t" + r.Detail }

// ReportKinds are the kinds of report rows, what needs the analyst's
// attention first.
var ReportKinds = []string{"failed", "salvaged", "skipped", "new revision", "imported", "annotation", "memo", "text", "duplicate"}

// Rows lists the report's results in reading order: failures first,
// then skipped folders, new revisions, imported articles, annotations,
// duplicates; in file order within each kind.
func (rep ImportReport) Rows() []ReportRow {
	var rows []ReportRow
	for _, sk := range rep.Skipped {
		rows = append(rows, ReportRow{Kind: "skipped", Where: sk.Path, Detail: sk.Reason})
	}
	for _, sv := range rep.Salvaged {
		rows = append(rows, ReportRow{Kind: "salvaged", Where: sv.Path, Detail: sv.Reason})
	}
	for _, r := range rep.Results {
		where := r.Path
		if r.Item > 0 {
			where = fmt.Sprintf("%s [item %d]", r.Path, r.Item)
		}
		switch {
		case r.Outcome == Failed:
			rows = append(rows, ReportRow{Kind: "failed", Where: where, Detail: reason(r)})
		case r.Annotation != 0:
			rows = append(rows, ReportRow{Kind: "annotation", Where: where, Detail: fmt.Sprintf("#%d %s", r.Annotation, r.Label), Article: r.ID, Annotation: r.Annotation})
		case r.Memo != 0:
			rows = append(rows, ReportRow{Kind: "memo", Where: where, Detail: fmt.Sprintf("#%d %s", r.Memo, r.Label), Article: r.ID, Memo: r.Memo})
		case r.Label != "":
			rows = append(rows, ReportRow{Kind: "text", Where: where, Detail: fmt.Sprintf("%d %s", r.ID, r.Label), Article: r.ID})
		default:
			rows = append(rows, ReportRow{Kind: r.Outcome.String(), Where: where, Detail: fmt.Sprintf("%d.%d %s", r.ID, r.Revision, Excerpt(r.Title, 120)), Article: r.ID, Revision: r.Revision})
		}
	}
	slices.SortStableFunc(rows, func(a, b ReportRow) int {
		return slices.Index(ReportKinds, a.Kind) - slices.Index(ReportKinds, b.Kind)
	})
	return rows
}

// reason is a failure's message without the file name the row shows
// already.
func reason(r ImportResult) string {
	if r.Err == nil {
		return "failed"
	}
	msg := r.Err.Error()
	return strings.TrimPrefix(msg, r.Path+": ")
}

// Summary is the report in one line, as the status bar shows it.
func (rep ImportReport) Summary() string {
	s := fmt.Sprintf("%d files: %d imported, %d new revisions, %d duplicates", rep.FilesDone, rep.Imported, rep.Revisions, rep.Duplicates)
	if rep.Annotations > 0 {
		s += fmt.Sprintf(", %d annotations", rep.Annotations)
	}
	if rep.Memos > 0 {
		s += fmt.Sprintf(", %d memos", rep.Memos)
	}
	s += fmt.Sprintf(", %d failed", rep.Failed)
	if len(rep.Salvaged) > 0 {
		s += fmt.Sprintf(", %d read in part", len(rep.Salvaged))
	}
	if len(rep.Skipped) > 0 {
		s += fmt.Sprintf(", %d folders skipped", len(rep.Skipped))
	}
	if rep.Canceled {
		s += fmt.Sprintf(" (canceled: %d of %d files not read)", rep.Files-rep.FilesDone, rep.Files)
	}
	return s
}

// Text is the whole report as tab-separated lines under its summary, for
// the clipboard (it pastes into a spreadsheet).
func (rep ImportReport) Text() string {
	var b strings.Builder
	b.WriteString(rep.Summary() + "\n")
	for _, r := range rep.Rows() {
		b.WriteString(r.String() + "\n")
	}
	return b.String()
}
