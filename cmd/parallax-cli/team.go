package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/team"
	"github.com/parallax-news/parallax/app/team/jetstream"
)

func cmdTeam(e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "usage: parallax-cli team join|status|sync|leave|serve (see 'parallax-cli help')")
		return exitUsage
	}
	switch args[0] {
	case "join":
		return teamJoin(e, args[1:])
	case "status":
		return teamStatus(e, args[1:])
	case "sync":
		return teamSync(e, args[1:])
	case "leave":
		return teamLeave(e, args[1:])
	case "serve":
		return teamServe(e, args[1:])
	}
	fmt.Fprintf(e.stderr, "parallax-cli team: unknown command %q (join, status, sync, leave, serve)\n", args[0])
	return exitUsage
}

// dialTimeout is how long a team command waits for the server: a laptop
// offline should hear so quickly, and its work waits in the outbox.
const dialTimeout = 5 * time.Second

func teamJoin(e *env, args []string) int {
	fs := e.flags("team join")
	project := fs.String("project", "", "the project's name, the same for everyone in the team")
	analyst := fs.String("analyst", app.DefaultAnalyst(), "your name in the team (your subject on the server)")
	creds := fs.String("creds", "", "a NATS credentials file the server's admin gave you")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) != 1 || *project == "" {
		return e.usageError(fs, "needs the server's URL and --project NAME")
	}
	if strings.TrimSpace(*analyst) == "" {
		return e.usageError(fs, "needs --analyst NAME")
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	cfg := team.Config{URL: rest[0], Project: *project, Analyst: *analyst, Creds: *creds}
	if err := st.JoinTeam(cfg); err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "joined project %q on %s as %s\n", cfg.Project, cfg.URL, cfg.Analyst)
	rep, err := syncStore(e, st)
	if err != nil {
		fmt.Fprintf(e.stderr, "parallax-cli: %v\nworking offline: 'parallax-cli team sync' shares your work when the server is reachable\n", err)
		return exitOK
	}
	printReport(e, rep)
	return exitOK
}

// syncStore dials the store's team server and syncs once.
func syncStore(e *env, st team.Store) (team.Report, error) {
	cfg, err := st.TeamConfig()
	if err != nil {
		return team.Report{}, err
	}
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Minute)
	defer cancel()
	tr, err := jetstream.Dial(ctx, cfg.URL, cfg.Project, jetstream.Options{Creds: cfg.Creds, Timeout: dialTimeout})
	if err != nil {
		return team.Report{}, err
	}
	defer tr.Close()
	sy, err := team.NewSyncer(st, tr)
	if err != nil {
		return team.Report{}, err
	}
	sy.Log = func(why string) { fmt.Fprintf(e.stderr, "parallax-cli: refused: %s\n", why) }
	return sy.Sync(ctx)
}

func printReport(e *env, r team.Report) {
	fmt.Fprintf(e.stdout, "sent %d changes, received %d (%d applied, %d refused); %d waiting; at message %d\n",
		r.Pushed, r.Received, r.Applied, len(r.Refused), r.Waiting, r.Seq)
}

func teamSync(e *env, args []string) int {
	fs := e.flags("team sync")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	st, code := e.openNoArgs(fs, args)
	if st == nil {
		return code
	}
	defer st.Close()
	rep, err := syncStore(e, st)
	if err != nil {
		if n, werr := st.TeamOutboxLen(); werr == nil && n > 0 {
			fmt.Fprintf(e.stderr, "parallax-cli: %d changes wait in the outbox\n", n)
		}
		return e.fail(err)
	}
	if *asJSON {
		return e.json(rep)
	}
	printReport(e, rep)
	if len(rep.Refused) > 0 {
		return exitFailures
	}
	return exitOK
}

// teamStatusInfo is what 'team status --json' prints.
type teamStatusInfo struct {
	URL       string `json:"url"`
	Project   string `json:"project"`
	Analyst   string `json:"analyst"`
	Seq       uint64 `json:"seq"`
	Changed   int    `json:"changed"` // things changed here not yet captured
	Waiting   int    `json:"waiting"` // ops captured, not yet on the server
	Connected bool   `json:"connected"`
	Error     string `json:"error,omitempty"`
}

func teamStatus(e *env, args []string) int {
	fs := e.flags("team status")
	asJSON := fs.Bool("json", false, "print JSON")
	st, code := e.openNoArgs(fs, args)
	if st == nil {
		return code
	}
	defer st.Close()
	cfg, err := st.TeamConfig()
	if err != nil {
		return e.fail(err)
	}
	marks, err := st.TeamMarks(0)
	if err != nil {
		return e.fail(err)
	}
	waiting, err := st.TeamOutboxLen()
	if err != nil {
		return e.fail(err)
	}
	info := teamStatusInfo{URL: cfg.URL, Project: cfg.Project, Analyst: cfg.Analyst, Seq: cfg.Seq, Changed: len(marks), Waiting: waiting}
	ctx, cancel := context.WithTimeout(e.ctx, dialTimeout)
	defer cancel()
	if tr, err := jetstream.Dial(ctx, cfg.URL, cfg.Project, jetstream.Options{Creds: cfg.Creds, Timeout: dialTimeout}); err != nil {
		info.Error = err.Error()
	} else {
		info.Connected = true
		tr.Close()
	}
	if *asJSON {
		return e.json(info)
	}
	state := "connected"
	if !info.Connected {
		state = "offline (" + info.Error + ")"
	}
	fmt.Fprintf(e.stdout, "project %q on %s as %s: %s\n%d changes not yet sent, applied up to message %d\n",
		info.Project, info.URL, info.Analyst, state, info.Changed+info.Waiting, info.Seq)
	return exitOK
}

func teamLeave(e *env, args []string) int {
	fs := e.flags("team leave")
	yes := fs.Bool("yes", false, "leave even with changes not yet sent")
	st, code := e.openNoArgs(fs, args)
	if st == nil {
		return code
	}
	defer st.Close()
	if _, err := st.TeamConfig(); err != nil {
		return e.fail(err)
	}
	marks, _ := st.TeamMarks(0)
	waiting, _ := st.TeamOutboxLen()
	if n := len(marks) + waiting; n > 0 && !*yes {
		fmt.Fprintf(e.stderr, "parallax-cli: %d changes have not reached the team yet: run 'team sync' first, or leave with --yes (they stay in this store)\n", n)
		return exitError
	}
	if err := st.LeaveTeam(); err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.stdout, "left the team; everything stays in this store")
	return exitOK
}

func teamServe(e *env, args []string) int {
	fs := e.flags("team serve")
	config := fs.String("config", "", "a nats-server configuration file (users, permissions, TLS)")
	host := fs.String("host", "", "address to listen on (default 127.0.0.1; 0.0.0.0 for the whole network)")
	port := fs.Int("port", 0, "port (default 4222)")
	data := fs.String("data", "", "where the server keeps the team's streams (default: beside the store)")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) > 0 {
		return e.usageError(fs, "takes no arguments")
	}
	if *data == "" {
		dir, err := app.StoreDir(e.storeFlag)
		if err != nil {
			return e.fail(err)
		}
		*data = filepath.Clean(dir) + "-team-server"
	}
	ns, err := jetstream.Serve(jetstream.ServeOptions{Config: *config, Host: *host, Port: *port, Dir: *data})
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintf(e.stdout, "team server at %s, streams in %s; Ctrl-C stops it\n", ns.ClientURL(), *data)
	<-e.ctx.Done()
	ns.Shutdown()
	ns.WaitForShutdown()
	return exitOK
}
