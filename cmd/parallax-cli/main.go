// Command parallax-cli is Parallax without a window: import, list, show,
// back up and restore a store from scripts. It must not import Fyne.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"syscall"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/store"
)

// Exit statuses, documented in the README.
const (
	exitOK       = 0
	exitFailures = 1 // some files failed to import
	exitUsage    = 2
	exitError    = 3 // the command could not run (store locked, not found, …)
	exitCanceled = 130
)

const usage = `parallax-cli: Parallax's article store from the command line

usage: parallax-cli [--store DIR] COMMAND [flags] [args]

articles:
  import [--outlet NAME] [--tag T]... [--tag-folders] [-q] [--progress] [--json] PATH...  import files, folders, feeds, pages ("-" reads stdin),
                                                     W3C annotation collections (.jsonld/.json) and .qdpx projects
  list [--json]                                      articles, latest revision
  show ID [--revision N] [--json]                    one article's metadata and text
  stats [--json]                                     counts for the whole store
  delete ID...                                       delete articles with their revisions, annotations and memos
  edit ID... [--title T] [--outlet O] [--byline B] [--url U] [--language L] [--published DATE] [--json]
                                                     correct articles' metadata (the text stays; the imported values are kept)

search:
  search QUERY [--limit N] [--json]                  full-text search, best first, with snippets; QUERY is
                                                     words "a phrase" x OR y -not prefix* a NEAR/5 b (groups)
                                                     title: note: memo: outlet: tag: after:2025-01-01 before:
  find PATTERN [--limit N] [--json]                  fuzzy quick-open over titles, outlets and tags
  reindex [-q]                                       rebuild the search index from the articles

comparison:
  compare ID1 ID2 [--mode revisions|coverage] [--json] [--width W]
                                                     align two articles (ID@N: revision N; one ID: its
                                                     last two revisions); shared, reworded, unique passages
  similar ID [--limit N] [--json]                    the articles most like this one
  clusters [--min S] [--json] [-q]                   groups of near-identical articles (similarity ≥ S)

annotations and tags:
  annotate ID (--quote TEXT [--nth K] | --start S --end E) [--note TEXT] [--tag T]... [--color C]
                                                     mark a passage; prints the annotation's ID
  annotations [ID] [--tag T] [--orphaned] [--analyst A] [--json]
  passages [--tag T] [--outlet O] [--analyst A] [--status S] [--after D] [--before D] [--json]
                                                     coded passages across the collection, with their articles
  matrix [--rows tag|article|outlet|analyst|month|week|day] [--cols …] [--count annotations|articles|words]
         [--binary] [--tag T] [--outlet O] [--analyst A] [--status S] [--after D] [--before D] [--format csv|json|md]
                                                     code-by-document matrix, tag × outlet, tag co-occurrence (tag × tag), coverage by month
  autocode QUERY --tag T... [--unit match|sentence|paragraph] [--regex] [--note N] [--color C] [--dry-run] [--json]
                                                     code every passage a search (or regular expression) finds, as one batch
  autocode --undo BATCH                              delete the annotations of one autocode batch
  agreement --analyst A --analyst B [--tag T]... [--article ID]... [--json]
                                                     code-point agreement of two analysts: percent, Cohen's kappa, Krippendorff's alpha
  annotation show|edit|reattach|delete ANNOTATION-ID [--note|--clear-note|--tag|--untag|--color|--quote...]
  memos [--project | --article ID | --tag T] [--analyst A] [--json]
                                                     memos: on the project, an article or a tag (and those below it)
  memo add (--project | --article ID | --tag T) [--analyst A] (TEXT | --file F)
                                                     write a Markdown memo ("--file -" reads stdin); prints its ID
  memo show|edit|delete MEMO-ID [TEXT | --file F] [--json]
  tag ID TAG... / untag ID TAG...                    change an article's tags
  tags [--json]                                      the tag tree with use counts
  tags rename OLD NEW | merge FROM INTO | delete T [--yes] | set T [--color C] [--description D]
  export --format w3c|qdpx|csv|md [--tag T] [--outlet O] [--article ID]... [--analyst A]
         [--after DATE] [--before DATE] -o FILE      export annotations ("-o -" for stdout)

team (share a project through NATS JetStream; see README "Team mode"):
  team join URL --project NAME [--analyst A] [--creds FILE]
                                                     join a project; what this store holds is shared at the first sync
  team sync [--json]                                 send your changes, apply the others' (offline: they wait)
  team status [--json]                               server, connection, changes waiting
  team leave [--yes]                                 stop sharing (the store keeps everything)
  team serve [--config FILE] [--host H] [--port P] [--data DIR]
                                                     run a team server here (embedded nats-server with JetStream)

store:
  backup FILE [--allow-damage]                       write the whole store to one file (refused if records are damaged)
  check [--repair] [--json]                          verify every record, the counts and the search index; --repair rebuilds the index
  restore FILE                                       load a backup into an empty store

The store is --store DIR, else $PARALLAX_STORE, else the user data directory.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop() // a second Ctrl-C kills at once
	}()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// gcPercent is the CLI's GOGC, unless the environment sets one: the heap
// may grow 30% past what is live before a collection, not 100%. An
// import's batches and Badger's compaction buffers are garbage soon after
// they are made, and at the default the heap grew to twice what was
// live. Importing 100,000 articles peaked at 630 MB, now 320-370 MB, and
// takes 32 s instead of 28. A fixed memory limit did better at 100,000
// (320 MB) and worse at a million, where more than its 256 MB is live and
// the collector ran without pause: 2.5 times slower.
const gcPercent = 30

// env is what every command gets.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
	storeFlag      string
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	global := flag.NewFlagSet("parallax-cli", flag.ContinueOnError)
	global.SetOutput(stderr)
	global.Usage = func() { fmt.Fprint(stderr, usage) }
	global.StringVar(&e.storeFlag, "store", "", "store directory")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if global.NArg() == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	cmd, rest := global.Arg(0), global.Args()[1:]
	commands := map[string]func(*env, []string) int{
		"import":      cmdImport,
		"list":        cmdList,
		"show":        cmdShow,
		"stats":       cmdStats,
		"backup":      cmdBackup,
		"restore":     cmdRestore,
		"annotate":    cmdAnnotate,
		"annotations": cmdAnnotations,
		"annotation":  cmdAnnotation,
		"passages":    cmdPassages,
		"matrix":      cmdMatrix,
		"autocode":    cmdAutocode,
		"agreement":   cmdAgreement,
		"memos":       cmdMemos,
		"memo":        cmdMemo,
		"tag":         cmdTag,
		"untag":       cmdUntag,
		"tags":        cmdTags,
		"export":      cmdExport,
		"search":      cmdSearch,
		"find":        cmdFind,
		"delete":      cmdDelete,
		"edit":        cmdEdit,
		"reindex":     cmdReindex,
		"check":       cmdCheck,
		"compare":     cmdCompare,
		"similar":     cmdSimilar,
		"clusters":    cmdClusters,
		"team":        cmdTeam,
	}
	if cmd == "help" {
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fn, ok := commands[cmd]
	if !ok {
		fmt.Fprintf(stderr, "parallax-cli: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
	return fn(e, rest)
}

// flags returns a flag set for a command that also accepts --store after
// the command name.
func (e *env) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet("parallax-cli "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.StringVar(&e.storeFlag, "store", e.storeFlag, "store directory")
	return fs
}

// parse parses flags and positional arguments in any order, so
// "show 12 --json" works as well as "show --json 12".
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// open opens the store named by the flags and environment.
func (e *env) open() (*store.Store, error) { return e.openStore(false) }

// openStore opens the store; bulk is for an import.
func (e *env) openStore(bulk bool) (*store.Store, error) {
	dir, err := app.StoreDir(e.storeFlag)
	if err != nil {
		return nil, err
	}
	// Each command is one process, which Badger's caches barely outlive:
	// the small ones took 20 MB off similar's peak at 100,000 articles
	// (165 -> 145 MB). Not for an import: its lookups and merges reread
	// blocks, and with small caches a million-article import took 20%
	// longer and no less memory.
	if bulk {
		return store.Open(dir)
	}
	return store.Open(dir, store.SmallCaches())
}

// fail prints an error and returns the exit status for it.
func (e *env) fail(err error) int {
	fmt.Fprintf(e.stderr, "parallax-cli: %v\n", err)
	if app.ErrorCode(err) == app.EINVALID {
		return exitUsage
	}
	return exitError
}

// openNoArgs parses the flags of a command that takes no arguments and
// opens the store; with a nil store, the command ends with the code.
func (e *env) openNoArgs(fs *flag.FlagSet, args []string) (*store.Store, int) {
	rest, err := parse(fs, args)
	if err != nil {
		return nil, exitUsage
	}
	if len(rest) > 0 {
		return nil, e.usageError(fs, "takes no arguments")
	}
	st, err := e.open()
	if err != nil {
		return nil, e.fail(err)
	}
	return st, exitOK
}

func (e *env) usageError(fs *flag.FlagSet, format string, args ...any) int {
	fmt.Fprintf(e.stderr, "%s: %s\n", fs.Name(), fmt.Sprintf(format, args...))
	return exitUsage
}

// stringList is a repeatable flag (--tag a --tag b).
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }
