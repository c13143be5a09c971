// Command bench compares Parallax's search index with SQLite FTS5 and
// Bleve on the same corpus, in one run on one machine: index time, size on
// disk, peak RSS, query latency per query class and hit counts. Each
// engine runs in its own child process so its peak RSS is its own, and
// indexes each corpus -rounds times, taking turns with the others; the
// report gives medians (rounds.go says why).
//
//	cd bench && go run -tags sqlite_fts5 . -data ../../shared/data
//
// It is a separate module so SQLite and Bleve never become dependencies
// of the app.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/parallax-news/parallax/app"
)

// doc is one article as every engine gets it.
type doc struct {
	ID          int
	Title, Body string
	Outlet      string
	Published   time.Time
}

// query is one benchmark query in each engine's syntax.
type query struct {
	Class, Parallax, FTS5, Bleve string
}

var queries = []query{
	{"word", "government", "government", "government"},
	{"word", "music", "music", "music"},
	{"word", "election", "election", "election"},
	{"word", "film", "film", "film"},
	{"word", "broadband", "broadband", "broadband"},
	{"AND", "mobile phone", "mobile phone", "+mobile +phone"},
	{"AND", "world cup", "world cup", "+world +cup"},
	{"AND", "chancellor budget", "chancellor budget", "+chancellor +budget"},
	{"AND", "game online", "game online", "+game +online"},
	{"AND", "oil prices", "oil prices", "+oil +prices"},
	{"phrase", `"prime minister"`, `"prime minister"`, `"prime minister"`},
	{"phrase", `"mobile phone"`, `"mobile phone"`, `"mobile phone"`},
	{"phrase", `"chief executive"`, `"chief executive"`, `"chief executive"`},
	{"phrase", `"interest rates"`, `"interest rates"`, `"interest rates"`},
	{"phrase", `"general election"`, `"general election"`, `"general election"`},
	{"prefix", "minist*", "minist*", "minist*"},
	{"prefix", "elect*", "elect*", "elect*"},
	{"prefix", "econom*", "econom*", "econom*"},
	{"prefix", "champion*", "champion*", "champion*"},
	{"prefix", "digit*", "digit*", "digit*"},
}

var classes = []string{"word", "AND", "phrase", "prefix"}

// result is what a child reports.
type result struct {
	Engine    string
	Docs      int
	IndexSecs float64
	// IndexCPUSecs is the CPU time (user and system, every thread) the
	// indexing took: on a shared machine it varies less than IndexSecs.
	IndexCPUSecs float64
	// IndexFaults counts the minor page faults indexing took: first
	// touches of fresh heap pages and of memory-mapped files. On the
	// virtual machines Parallax is measured on each costs 12-30 µs, so
	// they explain much of the wall time that CPU profiles do not show.
	IndexFaults int64
	// MergeSecs is how long Parallax's background segment merges ran on
	// after indexing ended.
	MergeSecs float64
	DiskBytes int64
	PeakRSS   int64              // KiB, filled in by the parent
	P50, P99  map[string]float64 // ms per class
	Hits      []int              // per query
	// SimilarP50 is Parallax's "similar articles" query, ms (issue 5).
	SimilarP50, SimilarP99 float64
}

// merger is an engine whose index merges segments in the background.
type merger interface {
	finishMerges() error
	mergeWait() time.Duration
}

// similarer is an engine that also answers "articles like this one".
type similarer interface {
	similar(id uint64) error
}

type engine interface {
	index(dir string, docs []doc) error
	search(q string, limit int) error
	count(q string) (int, error)
	close() error
}

var engines = map[string]func() engine{
	"parallax": func() engine { return &parallaxEngine{} },
	"fts5":     func() engine { return &fts5Engine{} },
	"bleve":    func() engine { return &bleveEngine{} },
}

// indexProfile, when set, receives a CPU profile of one engine's indexing.
var indexProfile string

func main() {
	data := flag.String("data", os.Getenv("PARALLAX_DATA"), "the shared data directory")
	corpus := flag.String("corpus", "bbc,100k", "corpora: bbc, 100k, 1m (comma-separated)")
	only := flag.String("engines", "parallax,fts5,bleve", "engines to run")
	child := flag.String("child", "", "internal: run one engine and print JSON")
	cpuProfile := flag.String("cpuprofile", "", "with -child: write a CPU profile of the indexing to this file")
	roundsFlag := flag.String("rounds", "bbc=7,100k=1", "how many times each engine indexes each corpus, engines taking turns (corpus=n,…, or one n for all); the report gives medians")
	readerStore := flag.String("reader-store", "", "instead: write a store with one 20,000-word article and 500 highlights to this directory (for .ci/framerate)")
	writeCorpus := flag.String("write-corpus", "", "instead: write the first -corpus as text files (headline, blank line, paragraphs) under this directory, 1,000 a folder, for timing parallax-cli import")
	flag.Parse()
	indexProfile = *cpuProfile
	if *data == "" {
		fail(fmt.Errorf("set -data or PARALLAX_DATA to the shared data directory"))
	}
	if *readerStore != "" {
		if err := makeReaderStore(*readerStore, *data); err != nil {
			fail(err)
		}
		return
	}
	if *writeCorpus != "" {
		if err := writeFiles(*writeCorpus, strings.Split(*corpus, ",")[0], *data); err != nil {
			fail(err)
		}
		return
	}
	if *child != "" {
		name, corpusName, _ := strings.Cut(*child, "/")
		res, err := runEngine(name, corpusName, *data)
		if err != nil {
			fail(err)
		}
		json.NewEncoder(os.Stdout).Encode(res)
		return
	}
	rounds, err := parseRounds(*roundsFlag)
	if err != nil {
		fail(err)
	}
	names := strings.Split(*only, ",")
	for _, c := range strings.Split(*corpus, ",") {
		n := roundsFor(rounds, c)
		runs := make([][]result, len(names)) // runs[engine][round]
		for round := range n {
			for i, e := range names {
				fmt.Fprintf(os.Stderr, "bench: %s on %s, round %d of %d…\n", e, c, round+1, n)
				r, err := runChild(e, c, *data)
				if err != nil {
					fail(err)
				}
				runs[i] = append(runs[i], r)
			}
		}
		if err := report(c, runs); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

func runChild(engine, corpus, data string) (result, error) {
	self, err := os.Executable()
	if err != nil {
		return result{}, err
	}
	cmd := exec.Command(self, "-data", data, "-child", engine+"/"+corpus)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return result{}, fmt.Errorf("%s on %s: %w", engine, corpus, err)
	}
	var r result
	if err := json.Unmarshal(out, &r); err != nil {
		return r, fmt.Errorf("%s on %s: %w", engine, corpus, err)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.PeakRSS = ru.Maxrss
	}
	return r, nil
}

// usage is the process's CPU time (user and system) and minor page
// faults so far.
func usage() (cpu time.Duration, faults int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), ru.Minflt
}

func runEngine(name, corpus, data string) (result, error) {
	docs, err := load(corpus, data)
	if err != nil {
		return result{}, err
	}
	dir, err := os.MkdirTemp("", "parallax-bench-")
	if err != nil {
		return result{}, err
	}
	defer os.RemoveAll(dir)
	e := engines[name]()
	if e == nil {
		return result{}, fmt.Errorf("no engine %q", name)
	}
	if indexProfile != "" {
		f, err := os.Create(indexProfile)
		if err != nil {
			return result{}, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return result{}, err
		}
	}
	cpuBefore, faultsBefore := usage()
	start := time.Now()
	if err := e.index(dir, docs); err != nil {
		return result{}, fmt.Errorf("%s: indexing: %w", name, err)
	}
	indexSecs := time.Since(start).Seconds()
	cpuAfter, faultsAfter := usage()
	indexCPU := (cpuAfter - cpuBefore).Seconds()
	// Queries are timed on a settled index: merges still running finish first.
	var mergeSecs float64
	if m, ok := e.(merger); ok {
		if err := m.finishMerges(); err != nil {
			return result{}, err
		}
		mergeSecs = m.mergeWait().Seconds()
	}
	pprof.StopCPUProfile()
	r := result{Engine: name, Docs: len(docs), IndexSecs: indexSecs, IndexCPUSecs: indexCPU, IndexFaults: faultsAfter - faultsBefore, MergeSecs: mergeSecs, P50: map[string]float64{}, P99: map[string]float64{}}
	r.DiskBytes = du(dir)
	rounds := 30
	if len(docs) > 10000 {
		rounds = 10
	}
	lat := map[string][]time.Duration{}
	for _, q := range queries { // warm up
		if err := e.search(pick(name, q), 10); err != nil {
			return r, fmt.Errorf("%s: %s: %w", name, pick(name, q), err)
		}
	}
	for range rounds {
		for _, q := range queries {
			t := time.Now()
			if err := e.search(pick(name, q), 10); err != nil {
				return r, err
			}
			lat[q.Class] = append(lat[q.Class], time.Since(t))
		}
	}
	for c, ds := range lat {
		slices.Sort(ds)
		r.P50[c] = float64(ds[len(ds)/2].Microseconds()) / 1000
		r.P99[c] = float64(ds[min(len(ds)-1, len(ds)*99/100)].Microseconds()) / 1000
	}
	if se, ok := e.(similarer); ok {
		var ds []time.Duration
		for k := range 200 {
			t := time.Now()
			if err := se.similar(uint64(1 + (k*7919)%len(docs))); err != nil {
				return r, err
			}
			ds = append(ds, time.Since(t))
		}
		slices.Sort(ds)
		r.SimilarP50 = float64(ds[len(ds)/2].Microseconds()) / 1000
		r.SimilarP99 = float64(ds[len(ds)*99/100].Microseconds()) / 1000
	}
	for _, q := range queries {
		n, err := e.count(pick(name, q))
		if err != nil {
			return r, err
		}
		r.Hits = append(r.Hits, n)
	}
	return r, e.close()
}

func pick(engine string, q query) string {
	switch engine {
	case "fts5":
		return q.FTS5
	case "bleve":
		return q.Bleve
	}
	return q.Parallax
}

// du is the disk space a directory's files take (allocated blocks, so
// preallocated sparse files count for what they hold).
func du(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				if st, ok := fi.Sys().(*syscall.Stat_t); ok {
					n += st.Blocks * 512
				} else {
					n += fi.Size()
				}
			}
		}
		return nil
	})
	return n
}

// load reads the BBC corpus, or builds the 100k corpus from its
// paragraphs deterministically.
func load(corpus, data string) ([]doc, error) {
	root := filepath.Join(data, "news-corpus", "bbc")
	var bbc []doc
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".txt") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// The BBC files are Latin-1 in places; keep valid UTF-8 only.
		text := strings.ToValidUTF8(string(b), "�")
		title, rest, _ := strings.Cut(text, "\n")
		body, _ := app.BodyFromPlainText(rest)
		bbc = append(bbc, doc{ID: len(bbc) + 1, Title: strings.TrimSpace(title), Body: body, Outlet: "BBC " + filepath.Base(filepath.Dir(p))})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(bbc) == 0 {
		return nil, fmt.Errorf("no BBC texts under %s", root)
	}
	// Parallax keeps one copy of a text and makes a same-titled text a
	// revision; give every engine the same distinct articles so hit
	// counts compare.
	seenText, seenTitle := map[string]bool{}, map[string]bool{}
	distinct := bbc[:0]
	for _, d := range bbc {
		h, t := app.ContentHash(d.Title, d.Body), app.TitleKey(d.Outlet, d.Title)
		if seenText[h] || seenTitle[t] {
			continue
		}
		seenText[h], seenTitle[t] = true, true
		d.ID = len(distinct) + 1
		distinct = append(distinct, d)
	}
	bbc = distinct
	if corpus == "bbc" {
		return bbc, nil
	}
	size, ok := generatedSizes[corpus]
	if !ok {
		return nil, fmt.Errorf("unknown corpus %q (bbc, 100k, 1m)", corpus)
	}
	var paras []string
	for _, d := range bbc {
		paras = append(paras, app.Paragraphs(d.Body)...)
	}
	rng := rand.New(rand.NewPCG(2025, 100000)) // the 1m corpus starts with the 100k
	docs := make([]doc, size)
	for i := range docs {
		src := bbc[rng.IntN(len(bbc))]
		k := 4 + rng.IntN(8)
		ps := make([]string, k)
		for j := range ps {
			ps[j] = paras[rng.IntN(len(paras))]
		}
		docs[i] = doc{ID: i + 1, Title: fmt.Sprintf("%s (%d)", src.Title, i+1), Body: app.JoinParagraphs(ps), Outlet: src.Outlet}
	}
	return docs, nil
}

// generatedSizes are the corpora built from the BBC's paragraphs.
var generatedSizes = map[string]int{"100k": 100_000, "1m": 1_000_000}

// writeFiles writes a corpus as the text files parallax-cli imports.
func writeFiles(dir, corpus, data string) error {
	docs, err := load(corpus, data)
	if err != nil {
		return err
	}
	for i, d := range docs {
		sub := filepath.Join(dir, fmt.Sprintf("%04d", i/1000))
		if i%1000 == 0 {
			if err := os.MkdirAll(sub, 0o755); err != nil {
				return err
			}
		}
		text := d.Title + "\n\n" + d.Body + "\n"
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("%07d.txt", d.ID)), []byte(text), 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "bench: wrote %d articles under %s\n", len(docs), dir)
	return nil
}

func report(corpus string, runs [][]result) error {
	rs := make([]result, len(runs))
	for i := range runs {
		var err error
		if rs[i], err = summarise(runs[i]); err != nil {
			return err
		}
	}
	fmt.Printf("\n== %s: %d articles ==\n", corpus, rs[0].Docs)
	if n := len(runs[0]); n > 1 {
		fmt.Printf("medians of %d rounds; ratios are the median of each round's, with the lowest and highest\n", n)
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "engine\tindex s\tindex CPU s\tindex faults\tdisk MiB\tpeak RSS MiB\t")
	for _, c := range classes {
		fmt.Fprintf(tw, "%s p50/p99 ms\t", c)
	}
	fmt.Fprintln(tw)
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%d\t%.1f\t%.0f\t", r.Engine, r.IndexSecs, r.IndexCPUSecs, r.IndexFaults, float64(r.DiskBytes)/(1<<20), float64(r.PeakRSS)/1024)
		for _, c := range classes {
			fmt.Fprintf(tw, "%.3f / %.3f\t", r.P50[c], r.P99[c])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	base := rs[0]
	for k, r := range rs[1:] {
		other := runs[k+1]
		med, lo, hi := ratioRange(runs[0], other, func(r result) float64 { return r.IndexSecs })
		cpu, _, _ := ratioRange(runs[0], other, func(r result) float64 { return r.IndexCPUSecs })
		fmt.Printf("%s / %s: index time %.2f×", base.Engine, r.Engine, med)
		if len(other) > 1 {
			fmt.Printf(" (%.2f–%.2f×)", lo, hi)
		}
		fmt.Printf(" (CPU time %.2f×)", cpu)
		for _, c := range classes {
			p50, _, _ := ratioRange(runs[0], other, func(r result) float64 { return r.P50[c] })
			fmt.Printf(", %s p50 %.2f×", c, p50)
		}
		fmt.Println()
	}
	for _, r := range rs {
		if r.MergeSecs > 0 {
			fmt.Printf("%s: background segment merges finished %.3f s after indexing (index + merges %.3f s)\n", r.Engine, r.MergeSecs, r.IndexSecs+r.MergeSecs)
		}
	}
	for _, r := range rs {
		if r.SimilarP50 > 0 {
			fmt.Printf("%s similar articles (signature scan + exact re-rank): p50 %.3f ms, p99 %.3f ms\n", r.Engine, r.SimilarP50, r.SimilarP99)
		}
	}
	fmt.Println("\nhits per query:")
	tw = tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "query\t")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t", r.Engine)
	}
	fmt.Fprintln(tw)
	for i, q := range queries {
		fmt.Fprintf(tw, "%s\t", q.Parallax)
		for _, r := range rs {
			fmt.Fprintf(tw, "%d\t", r.Hits[i])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	return nil
}
