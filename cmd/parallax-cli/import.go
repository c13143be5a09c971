package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/importer"
)

// statusCounts prints re-anchoring counts in a fixed order.
func statusCounts(m map[anchor.Status]int) string {
	var parts []string
	for _, s := range []anchor.Status{anchor.Anchored, anchor.Moved, anchor.Fuzzy, anchor.Orphaned} {
		if m[s] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", m[s], s))
		}
	}
	return strings.Join(parts, ", ")
}

func cmdImport(e *env, args []string) int {
	fs := e.flags("import")
	outlet := fs.String("outlet", "", "outlet for texts that name none (e.g. BBC)")
	var tags stringList
	fs.Var(&tags, "tag", "tag every imported article (repeatable)")
	tagFolders := fs.Bool("tag-folders", false, "tag each article in a sub-folder with the sub-folder's path (bbc/business/1.txt: business)")
	quiet := fs.Bool("q", false, "print only failures and the summary")
	progressLines := fs.Bool("progress", false, "print progress as lines, also when stderr is not a terminal (logs, scripts)")
	asJSON := fs.Bool("json", false, "print the report as JSON: counts and a row per file, failures first")
	paths, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(paths) == 0 {
		return e.usageError(fs, "name at least one file or folder to import (\"-\" for standard input)")
	}
	st, err := e.openStore(true)
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()

	out := newStatusWriter(e.stderr, *progressLines)
	opts := importer.Options{
		Outlet:     *outlet,
		Tags:       tags,
		TagFolders: *tagFolders,
		Stdin:      e.stdin,
		Progress:   out.progress,
	}
	if !*asJSON {
		// Each file's line as soon as it is stored, and none kept: the
		// JSON report needs every row at the end, a listing does not.
		opts.Settled = func(r app.ImportResult) {
			if r.Outcome == app.Failed || !*quiet {
				out.clear()
				printImportResult(e, r)
			}
		}
	}
	rep, err := importer.New(st).Import(e.ctx, paths, opts)
	if err == nil && !rep.Canceled {
		// Close would abandon the search index's background merges and
		// the next command would redo them.
		out.force("merging the search index…")
		st.FinishMerges(e.ctx)
	}
	out.clear()
	if *asJSON && err == nil {
		if code := e.json(importJSON(rep)); code != exitOK {
			return code
		}
		return importStatus(e, rep)
	}
	for _, sk := range rep.Skipped {
		fmt.Fprintf(e.stderr, "skipped       %s: %s\n", sk.Path, sk.Reason)
	}
	for _, sv := range rep.Salvaged {
		fmt.Fprintf(e.stderr, "salvaged      %s: %s\n", sv.Path, sv.Reason)
	}
	rate := float64(rep.FilesDone) / max(rep.Elapsed.Seconds(), 1e-9)
	annotations := ""
	if rep.Annotations > 0 {
		annotations = fmt.Sprintf(", %d annotations", rep.Annotations)
	}
	if rep.Memos > 0 {
		annotations += fmt.Sprintf(", %d memos", rep.Memos)
	}
	fmt.Fprintf(e.stderr, "%d files: %d imported, %d new revisions, %d duplicates%s, %d failed in %s (%.0f files/s)\n",
		rep.FilesDone, rep.Imported, rep.Revisions, rep.Duplicates, annotations, rep.Failed, rep.Elapsed.Round(time.Millisecond), rate)
	if err != nil {
		return e.fail(err)
	}
	return importStatus(e, rep)
}

// printImportResult prints one file's outcome: a failure to stderr, the
// rest as a table line.
func printImportResult(e *env, r app.ImportResult) {
	switch {
	case r.Outcome == app.Failed:
		fmt.Fprintf(e.stderr, "failed        %s\n", r.Err)
	case r.Annotation != 0:
		fmt.Fprintf(e.stdout, "%-13s %6s  %s  %s\n", "annotation", "#"+r.Annotation.String(), r.Path, r.Label)
	case r.Memo != 0:
		fmt.Fprintf(e.stdout, "%-13s %6s  %s  %s\n", "memo", "#"+r.Memo.String(), r.Path, r.Label)
	case r.Label != "":
		fmt.Fprintf(e.stdout, "%-13s %6s  %s  %s\n", "text", r.ID, r.Path, r.Label)
	default:
		where := r.Path
		if r.Item > 0 {
			where = fmt.Sprintf("%s [item %d]", r.Path, r.Item)
		}
		fmt.Fprintf(e.stdout, "%-13s %6s  %s  %s\n", r.Outcome, fmt.Sprintf("%d.%d", r.ID, r.Revision), where, app.Excerpt(r.Title, maxTitle))
		if len(r.Reanchored) > 0 {
			fmt.Fprintf(e.stdout, "%-13s %6s  annotations carried over: %s\n", "", "", statusCounts(r.Reanchored))
		}
	}
}

// importStatus is the import's exit status, with the line an
// interrupted import leaves.
func importStatus(e *env, rep app.ImportReport) int {
	if rep.Canceled {
		fmt.Fprintf(e.stderr, "interrupted: %d of %d files not read; everything listed is stored\n", rep.Files-rep.FilesDone, rep.Files)
		return exitCanceled
	}
	if rep.Failed > 0 {
		return exitFailures
	}
	return exitOK
}

// importOut is import --json: the counts, and the report's rows as the
// app's import report lists them.
type importOut struct {
	Summary     string          `json:"summary"`
	Files       int             `json:"files"`
	FilesDone   int             `json:"filesDone"`
	Imported    int             `json:"imported"`
	Revisions   int             `json:"revisions"`
	Duplicates  int             `json:"duplicates"`
	Annotations int             `json:"annotations"`
	Memos       int             `json:"memos"`
	Failed      int             `json:"failed"`
	Canceled    bool            `json:"canceled"`
	ElapsedMS   int64           `json:"elapsedMs"`
	Rows        []app.ReportRow `json:"rows"`
}

func importJSON(rep app.ImportReport) importOut {
	rows := rep.Rows()
	if rows == nil {
		rows = []app.ReportRow{}
	}
	return importOut{Summary: rep.Summary(), Files: rep.Files, FilesDone: rep.FilesDone, Imported: rep.Imported, Revisions: rep.Revisions,
		Duplicates: rep.Duplicates, Annotations: rep.Annotations, Memos: rep.Memos, Failed: rep.Failed, Canceled: rep.Canceled,
		ElapsedMS: rep.Elapsed.Milliseconds(), Rows: rows}
}
