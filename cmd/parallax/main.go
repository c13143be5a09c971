// Command parallax is the Parallax desktop app.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/app/importer"
	"github.com/parallax-news/parallax/app/team"
	"github.com/parallax-news/parallax/app/team/jetstream"
	"github.com/parallax-news/parallax/assets"
	"github.com/parallax-news/parallax/store"
	"github.com/parallax-news/parallax/ui"
)

func main() {
	storeFlag := flag.String("store", "", "store directory (default $PARALLAX_STORE, else the user data directory)")
	noDemo := flag.Bool("no-demo", false, "do not import the demo collection into an empty store")
	measure := flag.Duration("measure-scroll", 0, "for benchmarks: once loaded, scroll the first article for this long, print the frame rate and quit")
	measureLines := flag.Int("measure-lines", 3, "with --measure-scroll: lines scrolled per frame")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "usage: parallax [flags] [file or folder to import ...]")
		flag.PrintDefaults()
	}
	flag.Parse()

	fyneapp.SetMetadata(fyne.AppMetadata{
		ID:      assets.AppID,
		Name:    assets.AppName,
		Version: assets.AppVersion,
		Build:   assets.AppBuild,
		Icon:    fyne.NewStaticResource(assets.IconName, assets.IconPNG),
	})
	a := fyneapp.NewWithID(assets.AppID)

	dir, err := app.StoreDir(*storeFlag)
	var st *store.Store
	if err == nil {
		st, err = store.Open(dir, store.SmallCaches())
	}
	if err != nil {
		// A locked or newer store is the user's to resolve: say so in a
		// window, not only on a terminal they may not have.
		fmt.Fprintln(os.Stderr, "parallax:", err)
		showFatal(a, err)
		os.Exit(1)
	}
	defer st.Close()

	// Quit through Fyne on Ctrl-C or a termination request, so the store
	// is closed (flushed) before the process ends.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		fyne.Do(a.Quit)
	}()

	var u *ui.UI
	p := ui.Params{
		App: a, Store: st, Annotator: &app.Annotator{Store: st}, Metadata: &app.MetaEditor{Store: st}, Tags: st, Memos: st, Importer: importer.New(st), Coder: st,
		StoreDir: dir, Open: flag.Args(),
		OnImported: func(rep app.ImportReport) {
			fmt.Fprintf(os.Stderr, "parallax: import: %s\n", rep.Summary())
			for _, r := range rep.Rows() {
				if r.Kind == "failed" || r.Kind == "skipped" || r.Kind == "salvaged" {
					fmt.Fprintf(os.Stderr, "parallax: import: %s\n", r)
				}
			}
		},
		OnLoaded: func(n int) {
			fmt.Fprintf(os.Stderr, "parallax: %d articles loaded from %s\n", n, dir)
			if *measure > 0 {
				u.MeasureScroll(*measure, *measureLines, func(f ui.FrameRate) {
					fmt.Printf("parallax: scrolling: %s\n", f)
					a.Quit()
				})
			}
		},
		// A load, a search or an article read leaves garbage that Go would
		// keep as heap for minutes, and pages of the store's mapped files
		// the process holds on to: when the user pauses, give both back.
		OnIdle: func() {
			debug.FreeOSMemory()
			st.ReleaseMemory()
		},
	}
	if !*noDemo {
		p.Demo = assets.Demo()
	}
	p.Team = &team.Background{Store: st,
		Dial: func(ctx context.Context, cfg team.Config) (team.Transport, error) {
			return jetstream.Dial(ctx, cfg.URL, cfg.Project, jetstream.Options{Creds: cfg.Creds, Timeout: 5 * time.Second})
		},
		Log: func(why string) { fmt.Fprintf(os.Stderr, "parallax: team: refused %s\n", why) },
	}
	u = ui.New(p)
	u.Run()
}

func showFatal(a fyne.App, err error) {
	w := a.NewWindow("Parallax cannot start")
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	w.SetContent(container.NewBorder(nil, widget.NewButton("Quit", a.Quit), nil, nil, msg))
	w.Resize(fyne.NewSize(480, 160))
	w.ShowAndRun()
}
