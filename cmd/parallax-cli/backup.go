package main

import (
	"fmt"
	"strings"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/store"
)

func cmdBackup(e *env, args []string) int {
	fs := e.flags("backup")
	allowDamage := fs.Bool("allow-damage", false, "write the backup even if records are damaged (they are left out or copied as they are)")
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	return e.withFile("backup", "one file name", rest, func(st *store.Store, path string) (string, error) {
		// A backup of damaged records would pass the damage on as if it
		// were the text: check every record first.
		rep, err := st.Check(e.ctx, nil)
		if err != nil {
			return "", err
		}
		var lost []string
		for _, d := range rep.Damage {
			if !d.Derived {
				lost = append(lost, d.What)
			}
		}
		if len(lost) > 0 && !*allowDamage {
			return "", app.Errorf(app.EDAMAGED, "not backing up %s: %d records are damaged (%s); run 'parallax-cli check' for the list, or backup --allow-damage to write it anyway",
				st.Dir(), len(lost), strings.Join(lost[:min(3, len(lost))], "; "))
		}
		return fmt.Sprintf("backed up %s to %s", st.Dir(), path), st.BackupFile(path)
	})
}

func cmdRestore(e *env, args []string) int {
	return e.withFile("restore", "one backup file", args, func(st *store.Store, path string) (string, error) {
		return fmt.Sprintf("restored %s into %s", path, st.Dir()), st.RestoreFile(path)
	})
}

// withFile runs a command that takes exactly one file and the store.
func (e *env) withFile(name, what string, args []string, fn func(*store.Store, string) (string, error)) int {
	fs := e.flags(name)
	rest, err := parse(fs, args)
	if err != nil {
		return exitUsage
	}
	if len(rest) != 1 {
		return e.usageError(fs, "takes %s", what)
	}
	st, err := e.open()
	if err != nil {
		return e.fail(err)
	}
	defer st.Close()
	done, err := fn(st, rest[0])
	if err != nil {
		return e.fail(err)
	}
	fmt.Fprintln(e.stderr, done)
	return exitOK
}
