package main

import (
	"fmt"

	"github.com/parallax-news/parallax/store"
)

func cmdCheck(e *env, args []string) int {
	fs := e.flags("check")
	repair := fs.Bool("repair", false, "rebuild what can be derived (the search index) and list what cannot")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	st, code := e.openNoArgs(fs, args)
	if st == nil {
		return code
	}
	defer st.Close()
	out := newStatusWriter(e.stderr, false)
	rep, err := st.Check(e.ctx, func(done, total int) { out.force(fmt.Sprintf("checking %d/%d articles", done, total)) })
	out.clear()
	if err != nil {
		return e.fail(err)
	}
	lost := 0
	rebuild := false
	for _, d := range rep.Damage {
		if d.Derived {
			rebuild = true
		} else {
			lost++
		}
	}
	if *repair && rebuild {
		if err := st.RebuildIndex(e.ctx, func(done, total int) { out.force(fmt.Sprintf("rebuilding the search index %d/%d", done, total)) }); err != nil {
			out.clear()
			return e.fail(err)
		}
		out.clear()
		for i := range rep.Damage {
			if rep.Damage[i].Derived {
				rep.Damage[i].Err += " (rebuilt)"
			}
		}
	}
	if *asJSON {
		if code := e.json(rep); code != exitOK || len(rep.Damage) == 0 || (*repair && lost == 0) {
			return code
		}
		return exitFailures
	}
	printCheck(e, rep, *repair, lost)
	if lost > 0 || (rebuild && !*repair) {
		return exitFailures
	}
	return exitOK
}

func printCheck(e *env, rep store.CheckReport, repaired bool, lost int) {
	for _, d := range rep.Damage {
		fmt.Fprintf(e.stdout, "damaged  %s: %s\n", d.What, d.Err)
	}
	fmt.Fprintf(e.stdout, "checked %d articles, %d revisions, %d annotations: ", rep.Articles, rep.Revisions, rep.Annotations)
	switch {
	case len(rep.Damage) == 0:
		fmt.Fprintln(e.stdout, "no damage")
	case lost == 0 && repaired:
		fmt.Fprintln(e.stdout, "the search index was damaged and is rebuilt")
	case lost == 0:
		fmt.Fprintln(e.stdout, "the search index is damaged: run check --repair to rebuild it")
	default:
		fmt.Fprintf(e.stdout, "%d records are damaged and cannot be rebuilt: restore them from a backup (import the articles again to replace their text)\n", lost)
	}
}
