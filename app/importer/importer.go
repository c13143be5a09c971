// Package importer reads files (texts, Markdown, saved pages, feeds,
// annotation collections, whole folders) into a store: files are parsed
// in parallel and stored in file order, a batch per transaction.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/exchange"
	"github.com/parallax-news/parallax/app/extract"
	"github.com/parallax-news/parallax/app/textenc"
)

// Options set provenance for files that lack it and report progress.
type Options struct {
	// Outlet is used for texts that name no outlet themselves.
	Outlet string
	// Tags are added to every imported article.
	Tags []string
	// TagFolders tags each article found in a folder below one named in
	// the paths with that sub-folder's path ("bbc/business/1.txt" under
	// "bbc" is tagged "business"; "a/b/c.txt" under "a" gets "b").
	TagFolders bool
	// Progress, if set, is called after each file from the importing
	// goroutine; it must return quickly.
	Progress func(app.ImportProgress)
	// Settled, if set, hears each result once it is final, in file order,
	// from the importing goroutine, and the report keeps none (Results
	// stays empty): an import of a million files then holds the results
	// of the batches under way only, not one per file (58 MB at a
	// million, besides their paths and titles).
	Settled func(app.ImportResult)
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

// Importer reads files into an ArticleStore.
type Importer struct {
	Store app.ArticleStore
	// Formats are tried, in order, before the article formats.
	Formats []app.AnnotationFormat
}

// New is the importer the app and the CLI use: every article format, and
// W3C Web Annotation and REFI-QDA files stored as annotations.
func New(st app.Store) *Importer {
	return &Importer{Store: st, Formats: exchange.Formats(st)}
}

// parsed is one file after reading and extraction, before storing.
type parsed struct {
	path    string
	format  string
	note    string // how it was read, when only in part
	drafts  []app.Draft
	special app.AnnotationFormat // an annotation file, stored as a whole
	data    []byte
	err     error
}

const (
	batchDrafts = 256     // drafts per transaction
	batchBytes  = 8 << 20 // body bytes per transaction
	// prepareAhead batches are prepared while one is written: two keep
	// both cores busy when preparing a batch takes longer than writing it.
	prepareAhead = 2
	// Memory is bounded by bytes as well as counts: files are parsed
	// ahead of the writer up to parseAheadBytes of input (always at least
	// one), and batches wait to be written up to queueBytes of text.
	// Ten 60 MB files once peaked at 1.7 GB.
	parseAheadBytes = 32 << 20
	queueBytes      = 24 << 20
)

// Import reads every file under paths (folders recursively, "-" for
// standard input), parses them in parallel and stores them in order, a
// batch per transaction, so the outcome does not depend on timing. A file
// that fails is reported and skipped. Cancelling ctx stops after the
// articles already parsed are stored: the store never holds half an
// article. The error is non-nil only when the store itself fails.
func (im *Importer) Import(ctx context.Context, paths []string, opts Options) (app.ImportReport, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
	}
	r := &run{im: im, opts: opts, start: time.Now()}
	tags, err := app.NormalizeTags(opts.Tags)
	if err != nil {
		return r.rep, err
	}
	r.opts.Tags = tags
	files, walkErrs, skipped := expandPaths(opts.FS, paths)
	if opts.TagFolders {
		r.folderTags = folderTags(paths, files, opts.FS != nil)
	}
	r.rep.Skipped = skipped
	r.rep.Files = len(files) + len(walkErrs)
	for _, e := range walkErrs {
		r.fail(e.path, "", e.err)
		r.rep.FilesDone++
	}

	parent := ctx
	ctx, stop := context.WithCancel(ctx)
	files2 := r.parseAhead(ctx, files)
	if bulk, ok := im.Store.(app.BulkStore); ok {
		r.bulk, r.ahead = bulk.BeginImport(), prepareAhead
	}
	storeErr := r.store(ctx, files2)
	// End (or sync) after a failure too: what was stored before it
	// becomes durable, and the store learns the import is over.
	if err := r.end(); storeErr == nil {
		storeErr = err
	}
	// Stop the parsers and wait for them: nothing may still be reading
	// files once Import returns.
	stop()
	files2.wait()
	rep := &r.rep
	rep.Canceled = parent.Err() != nil && rep.FilesDone < rep.Files
	if app.ErrorCode(storeErr) == app.ENOSPACE {
		storeErr = app.WrapError(app.ENOSPACE, storeErr, "disk full: %d articles stored (%d new, %d new revisions); free some space and run the import again",
			rep.Imported+rep.Revisions, rep.Imported, rep.Revisions)
	}
	// Drafts parsed but not yet stored when the store failed have no outcome.
	if storeErr != nil {
		rep.Results = slices.DeleteFunc(rep.Results, func(r app.ImportResult) bool { return r.Outcome == app.Imported && r.ID == 0 })
	}
	r.handOff(r.handed + len(rep.Results))
	rep.Elapsed = time.Since(r.start)
	r.report()
	return *rep, storeErr
}

// run is one call of Import: the report so far, the batch being
// collected, and the batches prepared and being written.
type run struct {
	im   *Importer
	opts Options
	// folderTags are each file's tags from its sub-folder (TagFolders).
	folderTags map[string][]string
	start      time.Time
	rep        app.ImportReport

	bulk  app.Import // nil when the store has no bulk path
	ahead int        // batches prepared and waiting for the writer

	drafts  []app.Draft // the batch being collected
	owners  []int       // number of the result of each draft
	size    int         // its body bytes
	queue   []*write    // collected, waiting to be written
	writing *write      // being written
	// handed counts the results given to Settled and dropped from
	// rep.Results: result number i is rep.Results[i-handed].
	handed int
}

// write is one batch on its way into the store.
type write struct {
	size     int // body bytes
	drafts   []app.Draft
	prepared app.PreparedBatch
	owners   []int
	stored   []app.Stored
	err      error
	done     chan struct{}
}

// parsing is the parsers' output: file i goes to slot i mod len(slots)
// once parsed, and its token is taken back when the writer has it. A
// file is sent to a parser only with a token, so at most len(slots) are
// between parser and writer, and a slot is empty again before the file
// len(slots) later needs it. (A slot per file cost 230 bytes a file: 230
// MB of an import of a million.)
type parsing struct {
	files  int
	slots  []chan parsed
	tokens chan struct{}
	window *byteWindow // input bytes parsed but not yet taken by the writer
	sizes  []int64
	wg     sync.WaitGroup
}

func (p *parsing) wait() { p.wg.Wait() }

// parseAhead starts the workers that parse files ahead of the writer, at
// most a window of files at a time; the writer takes results strictly in
// file order.
func (r *run) parseAhead(ctx context.Context, files []string) *parsing {
	inFlight := r.opts.Workers * 8
	p := &parsing{files: len(files), slots: make([]chan parsed, inFlight), tokens: make(chan struct{}, inFlight),
		window: newByteWindow(parseAheadBytes), sizes: make([]int64, len(files))}
	for i := range p.slots {
		p.slots[i] = make(chan parsed, 1)
	}
	jobs := make(chan int)
	for range r.opts.Workers {
		p.wg.Go(func() {
			for i := range jobs {
				p.slots[i%len(p.slots)] <- r.im.parseFile(files[i], r.optsFor(files[i]))
			}
		})
	}
	p.wg.Go(func() {
		defer close(jobs)
		for i := range files {
			select {
			case p.tokens <- struct{}{}:
			case <-ctx.Done():
				return
			}
			p.sizes[i] = fileSize(r.opts.FS, files[i]) // read by the writer after slot i
			if !p.window.acquire(ctx, p.sizes[i]) {
				return
			}
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	})
	return p
}

// store takes the parsed files in order and stores them; it stops early
// when ctx is cancelled or the store fails.
func (r *run) store(ctx context.Context, p *parsing) error {
	for i := range p.files {
		var f parsed
		select {
		case f = <-p.slots[i%len(p.slots)]:
		case <-ctx.Done():
		}
		if f.path == "" {
			break // cancelled before this file was parsed
		}
		<-p.tokens
		p.window.release(p.sizes[i])
		r.rep.FilesDone++
		switch {
		case f.err != nil:
			r.fail(f.path, f.format, f.err)
			r.report()
		case f.special != nil:
			if err := r.drain(); err != nil {
				return err
			}
			r.storeSpecial(f)
		default:
			if err := r.add(f); err != nil {
				return err
			}
		}
		r.handOff(r.firstPending())
	}
	return r.drain()
}

// firstPending is the number of the first result a batch still waits
// for; batches are written in order, so every result before it is final.
func (r *run) firstPending() int {
	switch {
	case r.writing != nil:
		return r.writing.owners[0]
	case len(r.queue) > 0:
		return r.queue[0].owners[0]
	case len(r.owners) > 0:
		return r.owners[0]
	}
	return r.handed + len(r.rep.Results)
}

// handOff gives Settled the results numbered below end and lets them go.
func (r *run) handOff(end int) {
	if r.opts.Settled == nil {
		return
	}
	n := end - r.handed
	for _, res := range r.rep.Results[:n] {
		r.opts.Settled(res)
	}
	clear(r.rep.Results[:n])
	r.rep.Results, r.handed = r.rep.Results[n:], end
}

// fail records a file that could not be imported.
func (r *run) fail(path, format string, err error) {
	r.rep.Results = append(r.rep.Results, app.ImportResult{Path: path, Format: format, Outcome: app.Failed, Err: err})
	r.rep.Failed++
}

// storeSpecial stores an annotation file as a whole, after everything
// before it.
func (r *run) storeSpecial(f parsed) {
	results, err := f.special.Import(f.path, f.data, r.opts.Now())
	if err != nil {
		results = []app.ImportResult{{Err: err}}
	}
	for _, res := range results {
		res.Path, res.Format = f.path, f.special.Name()
		switch {
		case res.Err != nil:
			res.Outcome = app.Failed
			r.rep.Failed++
		case res.Annotation != 0:
			r.rep.Annotations++
		case res.Memo != 0:
			r.rep.Memos++
		case res.Title != "": // a text the file carries, stored as an article
			r.count(res.Outcome)
		}
		r.rep.Results = append(r.rep.Results, res)
	}
	r.report()
}

// add puts a file's drafts in the batch being collected, queueing the
// batch when it is full.
func (r *run) add(f parsed) error {
	if f.note != "" {
		r.rep.Salvaged = append(r.rep.Salvaged, app.Skip{Path: f.path, Reason: f.note})
	}
	for k, d := range f.drafts {
		item := 0
		if f.format == string(extract.FormatFeed) {
			item = k + 1
		}
		if err := tooLong(f.path, len(d.Body)); err != nil {
			r.rep.Results = append(r.rep.Results, app.ImportResult{Path: f.path, Item: item, Format: f.format, Title: d.Title, Outcome: app.Failed, Err: err})
			r.rep.Failed++
			continue
		}
		r.rep.Results = append(r.rep.Results, app.ImportResult{Path: f.path, Item: item, Format: f.format, Title: d.Title})
		r.drafts = append(r.drafts, d)
		r.owners = append(r.owners, r.handed+len(r.rep.Results)-1)
		r.size += len(d.Body)
	}
	var err error
	if len(r.drafts) >= batchDrafts || r.size >= batchBytes {
		err = r.flush()
	}
	r.report()
	return err
}

// flush queues the batch being collected (prepared, when the store can),
// writing the oldest queued one when enough wait.
func (r *run) flush() error {
	if len(r.drafts) == 0 {
		return nil
	}
	// A batch over queueBytes (a huge file) is prepared and written alone,
	// after what waits and before anything else, so two such never share
	// memory.
	huge := r.size > queueBytes
	if huge {
		if err := r.writeQueued(); err != nil {
			return err
		}
	}
	w := &write{drafts: r.drafts, owners: r.owners, size: r.size, done: make(chan struct{})}
	if r.bulk != nil {
		w.prepared = r.bulk.Prepare(r.drafts)
	}
	r.queue = append(r.queue, w)
	r.drafts, r.owners, r.size = nil, nil, 0
	if huge {
		return r.writeQueued()
	}
	if len(r.queue) > r.ahead || r.queuedBytes() > queueBytes {
		return r.writeNext()
	}
	return nil
}

// writeQueued writes every queued batch and waits for the last.
func (r *run) writeQueued() error {
	for len(r.queue) > 0 {
		if err := r.writeNext(); err != nil {
			return err
		}
	}
	return r.settle()
}

// queuedBytes is the text of the batches waiting to be written.
func (r *run) queuedBytes() int {
	n := 0
	for _, w := range r.queue {
		n += w.size
	}
	return n
}

// writeNext starts writing the oldest queued batch once the one before
// it is written.
func (r *run) writeNext() error {
	if err := r.settle(); err != nil {
		return err
	}
	w := r.queue[0]
	r.queue = r.queue[1:]
	go func() {
		defer close(w.done)
		if w.prepared != nil {
			w.stored, w.err = r.bulk.Write(w.prepared)
		} else {
			w.stored, w.err = r.im.Store.Ingest(w.drafts)
		}
	}()
	r.writing = w
	return nil
}

// settle waits for the batch being written and records its outcomes.
func (r *run) settle() error {
	w := r.writing
	if w == nil {
		return nil
	}
	r.writing = nil
	<-w.done
	if w.err != nil {
		return w.err
	}
	for k, st := range w.stored {
		res := &r.rep.Results[w.owners[k]-r.handed]
		if st.Err != nil {
			res.Outcome, res.Err = app.Failed, app.WrapError(app.EINVALID, st.Err, "%s", displayPath(res.Path))
			r.rep.Failed++
			continue
		}
		res.Outcome, res.ID, res.Revision, res.Reanchored = st.Outcome, st.ID, st.Revision, st.Reanchored
		r.count(st.Outcome)
	}
	return nil
}

// count adds an article's outcome to the report's totals.
func (r *run) count(o app.Outcome) {
	switch o {
	case app.Imported:
		r.rep.Imported++
	case app.Duplicate:
		r.rep.Duplicates++
	case app.NewRevision:
		r.rep.Revisions++
	}
}

// drain writes every batch collected and waits for them.
func (r *run) drain() error {
	if err := r.flush(); err != nil {
		return err
	}
	return r.writeQueued()
}

// end makes what was stored durable: the bulk import's End, else a Sync.
func (r *run) end() error {
	if r.bulk != nil {
		return r.bulk.End()
	}
	return r.im.Store.Sync()
}

func (r *run) report() {
	if r.opts.Progress != nil {
		p := r.rep.ImportProgress
		p.Elapsed = time.Since(r.start)
		r.opts.Progress(p)
	}
}

// parseFile reads, decodes and extracts one file into drafts.
func (im *Importer) parseFile(path string, opts Options) parsed {
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
	if len(data) > 2*app.MaxArticleBytes {
		// A plain text or Markdown file this large is one article over
		// the limit whatever its encoding: say so before decoding it.
		if f := extract.Sniff(path, string(data[:4096])); f == extract.FormatText || f == extract.FormatMarkdown {
			p.err, p.format = tooLong(path, len(data)), string(f)
			return p
		}
	}
	dec, err := textenc.Decode(data)
	if err != nil {
		p.err = &app.Error{Code: app.EINVALID, Message: displayPath(path) + ": " + err.Error()}
		return p
	}
	docs, format, err := extract.Parse(path, dec.Text)
	p.format = string(format)
	if err != nil {
		p.err = &app.Error{Code: app.EINVALID, Message: fmt.Sprintf("%s: %s: %v", displayPath(path), format, err)}
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
		p.drafts = append(p.drafts, NewDraft(doc, app.Origin{Path: origin, Feed: doc.FeedURL, GUID: doc.GUID}, imported, opts.Outlet, opts.Tags))
		if doc.Note != "" {
			p.note = doc.Note
		}
	}
	if len(p.drafts) == 1 {
		// Fail a file that is one huge text here, so its text is dropped
		// before it waits for the writer.
		if p.err = tooLong(path, len(p.drafts[0].Body)); p.err != nil {
			p.drafts = nil
		}
	}
	return p
}

// tooLong refuses an article of n bytes over app.MaxArticleBytes.
func tooLong(path string, n int) error {
	if n > app.MaxArticleBytes {
		return app.Errorf(app.EINVALID, "%s: the text is %d MB, more than one article holds (at most %d MB): split it into articles", displayPath(path), n>>20, app.MaxArticleBytes>>20)
	}
	return nil
}

// NewDraft normalises an extracted document into a draft; outlet is the
// fallback for documents that name none.
func NewDraft(doc extract.Document, origin app.Origin, imported time.Time, outlet string, tags []string) app.Draft {
	body := app.JoinParagraphs(doc.Paragraphs)
	title := app.NormalizeParagraph(doc.Title)
	if title == "" {
		title = firstWords(body, 12)
	}
	if doc.Outlet != "" {
		outlet = doc.Outlet
	}
	hash, words := app.HashAndCount(title, body)
	m := app.Meta{
		Title:      title,
		Outlet:     app.NormalizeParagraph(outlet),
		URL:        doc.URL,
		Byline:     app.NormalizeParagraph(doc.Byline),
		Language:   doc.Language,
		Dateline:   doc.Dateline,
		Imported:   imported,
		Origin:     origin,
		Partial:    doc.Partial,
		Words:      words,
		Paragraphs: len(app.Paragraphs(body)),
		Hash:       hash,
	}
	if !doc.Published.IsZero() {
		m.Published = doc.Published.UTC()
	}
	return app.Draft{Meta: m, Body: body, Tags: slices.Clone(tags)}
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
			return nil, app.Errorf(app.EINVALID, "standard input: nothing to read")
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
	data, err := io.ReadAll(io.LimitReader(r, app.MaxFileSize+1))
	if err != nil {
		return nil, fileError(path, err)
	}
	if len(data) > app.MaxFileSize {
		return nil, app.Errorf(app.EINVALID, "%s: larger than %d MiB, not an article", displayPath(path), app.MaxFileSize>>20)
	}
	if len(data) == 0 {
		return nil, app.Errorf(app.EINVALID, "%s: empty file", displayPath(path))
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
		return app.Errorf(app.ENOTFOUND, "%s: no such file or folder", displayPath(path))
	case errors.Is(err, fs.ErrPermission):
		return app.Errorf(app.EINVALID, "%s: permission denied", displayPath(path))
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return app.Errorf(app.EINVALID, "%s: %v", displayPath(path), err)
}

type walkError struct {
	path string
	err  error
}

// expandPaths lists the files to import: files as given, folders walked
// recursively in lexical order, hidden files and folders skipped (editor
// and version-control clutter), "-" kept as is.
func expandPaths(fsys fs.FS, paths []string) ([]string, []walkError, []app.Skip) {
	var files []string
	var errs []walkError
	var skipped []app.Skip
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
			if d.IsDir() && isStoreDir(fsys, p) {
				skipped = append(skipped, app.Skip{Path: p, Reason: "a Parallax store (a database, not articles)"})
				return fs.SkipDir
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
	return files, errs, skipped
}

// optsFor is the options for one file: its folder's tag joins the tags.
func (r *run) optsFor(file string) Options {
	o := r.opts
	if t := r.folderTags[file]; len(t) > 0 {
		o.Tags = app.UnionTags(o.Tags, t)
	}
	return o
}

// folderTags gives each file below a folder among paths the tag its
// sub-folder's path makes; a folder name that is no tag is left out.
func folderTags(paths, files []string, slashed bool) map[string][]string {
	rel := filepath.Rel
	dir := filepath.Dir
	sep := string(filepath.Separator)
	if slashed {
		rel = func(base, target string) (string, error) {
			if base == "." {
				return target, nil
			}
			return strings.TrimPrefix(target, base+"/"), nil
		}
		dir, sep = path.Dir, "/"
	}
	out := map[string][]string{}
	for _, f := range files {
		best := ""
		for _, root := range paths {
			if root != f && (root == "." || strings.HasPrefix(f, strings.TrimSuffix(root, sep)+sep)) && len(root) > len(best) {
				best = root
			}
		}
		if best == "" {
			continue
		}
		r, err := rel(best, f)
		if err != nil {
			continue
		}
		d := dir(r)
		if d == "." || d == "" {
			continue
		}
		if t, err := app.NormalizeTag(strings.ReplaceAll(d, sep, "/")); err == nil {
			out[f] = []string{t}
		}
	}
	return out
}

// isStoreDir reports whether dir holds a Badger database, as every
// Parallax store is: its files are no articles, and reading a live
// store's value log would import fragments of its records.
func isStoreDir(fsys fs.FS, dir string) bool {
	name := filepath.Join(dir, "KEYREGISTRY")
	if fsys != nil {
		name = path.Join(dir, "KEYREGISTRY")
	}
	info, err := statFile(fsys, name)
	return err == nil && info.Mode().IsRegular()
}

// fileSize is a file's size for the parse window: what stat says, or a
// guess for standard input.
func fileSize(fsys fs.FS, path string) int64 {
	if path == "-" {
		return 1 << 20
	}
	if info, err := statFile(fsys, path); err == nil {
		return info.Size()
	}
	return 0
}

// byteWindow lets work start while the bytes in flight stay within a
// limit; one piece larger than the limit may go alone.
type byteWindow struct {
	mu     sync.Mutex
	cond   *sync.Cond
	limit  int64
	inUse  int64
	closed bool
}

func newByteWindow(limit int64) *byteWindow {
	w := &byteWindow{limit: limit}
	w.cond = sync.NewCond(&w.mu)
	return w
}

// acquire waits until n bytes fit (or nothing else is in flight); it
// returns false if ctx ends first.
func (w *byteWindow) acquire(ctx context.Context, n int64) bool {
	stop := context.AfterFunc(ctx, func() {
		w.mu.Lock()
		w.closed = true
		w.mu.Unlock()
		w.cond.Broadcast()
	})
	defer stop()
	w.mu.Lock()
	defer w.mu.Unlock()
	for w.inUse > 0 && w.inUse+n > w.limit && !w.closed {
		w.cond.Wait()
	}
	if w.closed {
		return false
	}
	w.inUse += n
	return true
}

func (w *byteWindow) release(n int64) {
	w.mu.Lock()
	w.inUse -= n
	w.mu.Unlock()
	w.cond.Broadcast()
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
