package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax/app/anchor"
	"github.com/parallax-news/parallax/app/extract"
	"github.com/parallax-news/parallax/app/textenc"
)

// MaxFileSize is the largest file the importer reads; real articles, pages
// and feeds are far smaller, and the cap keeps a stray disk image out.
const MaxFileSize = 64 << 20

// ImportOptions set provenance for files that lack it and report progress.
type ImportOptions struct {
	// Outlet is used for texts that name no outlet themselves.
	Outlet string
	// Tags are added to every imported article.
	Tags []string
	// Progress, if set, is called after each file from the importing
	// goroutine; it must return quickly.
	Progress func(ImportProgress)
	// Stdin is read for the path "-".
	Stdin io.Reader
	// Workers parse files in parallel (default: the number of CPUs).
	Workers int
	// Now is the clock for the imported time (default time.Now).
	Now func() time.Time
	// FS, if set, is where paths are looked up instead of the operating
	// system's files (the built-in demo collection); FSName prefixes the
	// origin recorded for its files.
	FS     fs.FS
	FSName string
}

// ImportProgress is a running count.
type ImportProgress struct {
	Files, FilesDone                        int
	Imported, Duplicates, Revisions, Failed int
	Annotations                             int // stored from annotation files
	Elapsed                                 time.Duration
}

// ImportResult is what happened to one article found in a file (a feed
// gives one per item), to one annotation in an annotation file, or to a
// file that failed.
type ImportResult struct {
	Path     string
	Item     int // 1-based item in a feed
	Format   string
	Outcome  Outcome
	ID       ArticleID
	Revision int
	Title    string
	// Annotation is set for an annotation imported from an annotation
	// file, Anchor says how it was placed; Label names what the result is
	// about inside its file ("selection …", "source …").
	Annotation AnnotationID
	Anchor     anchor.Status
	Label      string
	// Reanchored counts, for a new revision, how the article's
	// annotations were carried over.
	Reanchored map[anchor.Status]int
	Err        error
}

// AnnotationFormat is a file format that carries annotations, and maybe
// the texts they mark, rather than one article: W3C Web Annotation
// JSON-LD, REFI-QDA projects. The exchange package provides them; the
// importer stores such files in file order like any other.
type AnnotationFormat interface {
	Name() string
	// Claims says from a file's name and content whether it is in this format.
	Claims(path string, data []byte) bool
	// Import stores the file's contents. The error is non-nil only when
	// the file as a whole cannot be read.
	Import(path string, data []byte, now time.Time) ([]ImportResult, error)
}

// ImportReport sums up an import.
type ImportReport struct {
	ImportProgress
	Results  []ImportResult
	Canceled bool
}

// Importer reads files into an ArticleStore.
type Importer struct {
	Store ArticleStore
	// Formats are tried, in order, before the article formats.
	Formats []AnnotationFormat
}

// parsed is one file after reading and extraction, before storing.
type parsed struct {
	path    string
	format  string
	drafts  []Draft
	special AnnotationFormat // an annotation file, stored as a whole
	data    []byte
	err     error
}

const (
	batchDrafts = 256      // drafts per transaction
	batchBytes  = 16 << 20 // body bytes per transaction
	// prepareAhead batches are prepared while one is written: two keep
	// both cores busy when preparing a batch takes longer than writing it.
	prepareAhead = 2
)

// Import reads every file under paths (folders recursively, "-" for
// standard input), parses them in parallel and stores them in order, a
// batch per transaction, so the outcome does not depend on timing. A file
// that fails is reported and skipped. Cancelling ctx stops after the
// articles already parsed are stored: the store never holds half an
// article. The error is non-nil only when the store itself fails.
func (im *Importer) Import(ctx context.Context, paths []string, opts ImportOptions) (ImportReport, error) {
	start := time.Now()
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	var rep ImportReport
	tags, err := NormalizeTags(opts.Tags)
	if err != nil {
		return rep, err
	}
	opts.Tags = tags
	files, walkErrs := expandPaths(opts.FS, paths)
	rep.Files = len(files) + len(walkErrs)
	for _, e := range walkErrs {
		rep.Results = append(rep.Results, ImportResult{Path: e.path, Outcome: Failed, Err: e.err})
		rep.Failed++
		rep.FilesDone++
	}

	// Workers parse ahead of the writer, at most window files at a time;
	// the writer takes results strictly in file order.
	parent := ctx
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	window := opts.Workers * 8
	slots := make([]chan parsed, len(files))
	for i := range slots {
		slots[i] = make(chan parsed, 1)
	}
	tokens := make(chan struct{}, window)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				slots[i] <- im.parseFile(files[i], opts)
			}
		}()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(jobs)
		for i := range files {
			select {
			case tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()

	// One batch is written while the next ones are collected and, when
	// the store can, prepared (tokenised) on the other cores.
	var batch []Draft
	var batchOwners []int // index into rep.Results for each draft
	var size int
	preparer, _ := im.Store.(BatchPreparer)
	ahead := 0 // batches prepared and waiting for the writer
	if preparer != nil {
		ahead = prepareAhead
	}
	type write struct {
		drafts   []Draft
		prepared PreparedBatch
		owners   []int
		stored   []Stored
		err      error
		done     chan struct{}
	}
	var queue []*write
	var writing *write
	// settle waits for the batch being written and records its outcomes.
	settle := func() error {
		w := writing
		if w == nil {
			return nil
		}
		writing = nil
		<-w.done
		if w.err != nil {
			return w.err
		}
		for k, st := range w.stored {
			r := &rep.Results[w.owners[k]]
			r.Outcome, r.ID, r.Revision, r.Reanchored = st.Outcome, st.ID, st.Revision, st.Reanchored
			switch st.Outcome {
			case Imported:
				rep.Imported++
			case Duplicate:
				rep.Duplicates++
			case NewRevision:
				rep.Revisions++
			}
		}
		return nil
	}
	// writeNext starts writing the oldest queued batch once the one
	// before it is written.
	writeNext := func() error {
		if err := settle(); err != nil {
			return err
		}
		w := queue[0]
		queue = queue[1:]
		go func() {
			defer close(w.done)
			if w.prepared != nil {
				w.stored, w.err = preparer.IngestPrepared(w.prepared)
			} else {
				w.stored, w.err = im.Store.Ingest(w.drafts)
			}
		}()
		writing = w
		return nil
	}
	// flush queues the batch, writing the oldest one when enough wait.
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		w := &write{drafts: batch, owners: batchOwners, done: make(chan struct{})}
		if preparer != nil {
			w.prepared = preparer.PrepareIngest(batch)
		}
		queue = append(queue, w)
		batch, batchOwners, size = nil, nil, 0
		if len(queue) > ahead {
			return writeNext()
		}
		return nil
	}
	// drain writes every batch collected and waits for them.
	drain := func() error {
		if err := flush(); err != nil {
			return err
		}
		for len(queue) > 0 {
			if err := writeNext(); err != nil {
				return err
			}
		}
		return settle()
	}
	report := func() {
		if opts.Progress != nil {
			p := rep.ImportProgress
			p.Elapsed = time.Since(start)
			opts.Progress(p)
		}
	}

	var storeErr error
	for i := range files {
		var p parsed
		select {
		case p = <-slots[i]:
		case <-ctx.Done():
		}
		if p.path == "" {
			break // cancelled before this file was parsed
		}
		<-tokens
		rep.FilesDone++
		if p.err != nil {
			rep.Results = append(rep.Results, ImportResult{Path: p.path, Format: p.format, Outcome: Failed, Err: p.err})
			rep.Failed++
			report()
			continue
		}
		if p.special != nil {
			if storeErr = drain(); storeErr != nil {
				break
			}
			results, err := p.special.Import(p.path, p.data, opts.Now())
			if err != nil {
				results = []ImportResult{{Err: err}}
			}
			for _, r := range results {
				r.Path, r.Format = p.path, p.special.Name()
				switch {
				case r.Err != nil:
					r.Outcome = Failed
					rep.Failed++
				case r.Annotation != 0:
					rep.Annotations++
				}
				rep.Results = append(rep.Results, r)
			}
			report()
			continue
		}
		for k, d := range p.drafts {
			item := 0
			if p.format == string(extract.FormatFeed) {
				item = k + 1
			}
			rep.Results = append(rep.Results, ImportResult{Path: p.path, Item: item, Format: p.format, Title: d.Title})
			batch = append(batch, d)
			batchOwners = append(batchOwners, len(rep.Results)-1)
			size += len(d.Body)
		}
		if len(batch) >= batchDrafts || size >= batchBytes {
			if storeErr = flush(); storeErr != nil {
				break
			}
		}
		report()
	}
	if storeErr == nil {
		storeErr = drain()
	}
	// Sync after a failure too: what was stored before it becomes
	// durable, and the store learns the import is over (it holds merges
	// and tunes its collector while one runs).
	if err := im.Store.Sync(); storeErr == nil {
		storeErr = err
	}
	// Stop the workers and wait for them: nothing may still be reading
	// files once Import returns.
	stop()
	wg.Wait()
	rep.Canceled = parent.Err() != nil && rep.FilesDone < rep.Files
	// Drafts parsed but not yet stored when the store failed have no outcome.
	if storeErr != nil {
		rep.Results = slices.DeleteFunc(rep.Results, func(r ImportResult) bool { return r.Outcome == Imported && r.ID == 0 })
	}
	rep.Elapsed = time.Since(start)
	report()
	return rep, storeErr
}

// parseFile reads, decodes and extracts one file into drafts.
func (im *Importer) parseFile(path string, opts ImportOptions) parsed {
	p := parsed{path: path}
	data, err := readInput(opts.FS, path, opts.Stdin)
	if err != nil {
		p.err = err
		return p
	}
	for _, f := range im.Formats {
		if f.Claims(path, data) {
			p.special, p.data, p.format = f, data, f.Name()
			return p
		}
	}
	dec, err := textenc.Decode(data)
	if err != nil {
		p.err = &Error{Code: EINVALID, Message: displayPath(path) + ": " + err.Error()}
		return p
	}
	docs, format, err := extract.Parse(path, dec.Text)
	p.format = string(format)
	if err != nil {
		p.err = &Error{Code: EINVALID, Message: fmt.Sprintf("%s: %s: %v", displayPath(path), format, err)}
		return p
	}
	imported := opts.Now().UTC().Truncate(time.Second)
	origin := path
	if opts.FS != nil {
		origin = opts.FSName + "/" + path
	} else if path != "-" {
		if abs, err := filepath.Abs(path); err == nil {
			origin = abs
		}
	}
	for _, doc := range docs {
		p.drafts = append(p.drafts, NewDraft(doc, Origin{Path: origin, Feed: doc.FeedURL, GUID: doc.GUID}, imported, opts.Outlet, opts.Tags))
	}
	return p
}

// NewDraft normalises an extracted document into a draft; outlet is the
// fallback for documents that name none.
func NewDraft(doc extract.Document, origin Origin, imported time.Time, outlet string, tags []string) Draft {
	body := JoinParagraphs(doc.Paragraphs)
	title := NormalizeParagraph(doc.Title)
	if title == "" {
		title = firstWords(body, 12)
	}
	if doc.Outlet != "" {
		outlet = doc.Outlet
	}
	hash, words := HashAndCount(title, body)
	m := Meta{
		Title:      title,
		Outlet:     NormalizeParagraph(outlet),
		URL:        doc.URL,
		Byline:     NormalizeParagraph(doc.Byline),
		Language:   doc.Language,
		Dateline:   doc.Dateline,
		Imported:   imported,
		Origin:     origin,
		Partial:    doc.Partial,
		Words:      words,
		Paragraphs: len(Paragraphs(body)),
		Hash:       hash,
	}
	if !doc.Published.IsZero() {
		m.Published = doc.Published.UTC()
	}
	return Draft{Meta: m, Body: body, Tags: slices.Clone(tags)}
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return "Untitled"
	}
	if len(f) <= n {
		return strings.Join(f, " ")
	}
	return strings.Join(f[:n], " ") + "…"
}

func readInput(fsys fs.FS, path string, stdin io.Reader) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		if stdin == nil {
			return nil, Errorf(EINVALID, "standard input: nothing to read")
		}
		r = stdin
	} else {
		f, err := openFile(fsys, path)
		if err != nil {
			return nil, fileError(path, err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fileError(path, err)
	}
	if len(data) > MaxFileSize {
		return nil, Errorf(EINVALID, "%s: larger than %d MiB, not an article", displayPath(path), MaxFileSize>>20)
	}
	if len(data) == 0 {
		return nil, Errorf(EINVALID, "%s: empty file", displayPath(path))
	}
	return data, nil
}

func displayPath(path string) string {
	if path == "-" {
		return "standard input"
	}
	return path
}

func fileError(path string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return Errorf(ENOTFOUND, "%s: no such file or folder", displayPath(path))
	case errors.Is(err, fs.ErrPermission):
		return Errorf(EINVALID, "%s: permission denied", displayPath(path))
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return Errorf(EINVALID, "%s: %v", displayPath(path), err)
}

type walkError struct {
	path string
	err  error
}

// expandPaths lists the files to import: files as given, folders walked
// recursively in lexical order, hidden files and folders skipped (editor
// and version-control clutter), "-" kept as is.
func expandPaths(fsys fs.FS, paths []string) ([]string, []walkError) {
	var files []string
	var errs []walkError
	for _, root := range paths {
		if root == "-" {
			files = append(files, root)
			continue
		}
		info, err := statFile(fsys, root)
		if err != nil {
			errs = append(errs, walkError{root, fileError(root, err)})
			continue
		}
		if !info.IsDir() {
			files = append(files, root)
			continue
		}
		err = walkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, walkError{p, fileError(p, err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p != root && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, walkError{root, fileError(root, err)})
		}
	}
	return files, errs
}

// The importer reads the operating system's files unless given an fs.FS.

func openFile(fsys fs.FS, path string) (fs.File, error) {
	if fsys == nil {
		return os.Open(path)
	}
	return fsys.Open(path)
}

func statFile(fsys fs.FS, path string) (fs.FileInfo, error) {
	if fsys == nil {
		return os.Stat(path)
	}
	return fs.Stat(fsys, path)
}

func walkDir(fsys fs.FS, root string, fn fs.WalkDirFunc) error {
	if fsys == nil {
		return filepath.WalkDir(root, fn)
	}
	return fs.WalkDir(fsys, root, fn)
}
