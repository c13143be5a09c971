package store

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// The store opens Badger without SyncWrites and syncs at the end of a
// batch, trusting that a committed write is in the kernel's hands once
// its commit returns, so a killed process (not a lost machine) loses
// none of it. This test holds upstream Badger to that assumption.

// badgerLogOptions makes Badger's log handling run on little data: values of 64 bytes and more go to the value log, value log files
// rotate after 1 MiB, and memtables fill (and their logs are replaced)
// after 1 MiB.
func badgerLogOptions(dir string) badger.Options {
	return badger.DefaultOptions(dir).
		WithLogger(nil).
		WithValueThreshold(64).
		WithValueLogFileSize(1 << 20).
		WithMemTableSize(1 << 20).
		WithNumMemtables(2).
		WithBlockCacheSize(1 << 20).
		WithIndexCacheSize(1 << 20).
		WithSyncWrites(false)
}

// badgerLogValue is key i's value: small ones stay in the memtable log,
// larger ones go to the value log.
func badgerLogValue(i int) []byte {
	sizes := []int{10, 63, 64, 900, 5000, 300 << 10}
	v := bytes.Repeat([]byte{byte('a' + i%26)}, sizes[i%len(sizes)])
	return append(v, fmt.Sprint(i)...)
}

func badgerLogKey(i int) []byte { return []byte(fmt.Sprintf("key/%06d", i)) }

func checkBadgerLogValues(t *testing.T, db *badger.DB, n int) {
	t.Helper()
	err := db.View(func(txn *badger.Txn) error {
		for i := 0; i < n; i++ {
			item, err := txn.Get(badgerLogKey(i))
			if err != nil {
				return fmt.Errorf("key %d: %w", i, err)
			}
			v, err := item.ValueCopy(nil)
			if err != nil {
				return fmt.Errorf("key %d: %w", i, err)
			}
			if !bytes.Equal(v, badgerLogValue(i)) {
				return fmt.Errorf("key %d: %d bytes, want %d", i, len(v), len(badgerLogValue(i)))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestBadgerLogsSurviveAKilledProcess(t *testing.T) {
	for _, tc := range []struct {
		name string
		sync bool // Sync before the "kill"
	}{{"committed", false}, {"committed and synced", true}} {
		t.Run(tc.name, func(t *testing.T) {
			dir, killed := t.TempDir(), t.TempDir()
			db, err := badger.Open(badgerLogOptions(dir))
			if err != nil {
				t.Fatal(err)
			}
			// 60 transactions of 6 values: about 18 MiB, several value log
			// files and memtables.
			const n = 360
			for i := 0; i < n; i += 6 {
				err := db.Update(func(txn *badger.Txn) error {
					for j := i; j < i+6; j++ {
						if err := txn.Set(badgerLogKey(j), badgerLogValue(j)); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
			}
			if tc.sync {
				if err := db.Sync(); err != nil {
					t.Fatal(err)
				}
			}
			checkBadgerLogValues(t, db, n)
			// The files as a killed process leaves them: what the kernel
			// holds for them, synced or not.
			if err := os.CopyFS(killed, os.DirFS(dir)); err != nil {
				t.Fatal(err)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}

			reopened, err := badger.Open(badgerLogOptions(killed))
			if err != nil {
				t.Fatalf("the killed process's store does not open: %v", err)
			}
			defer reopened.Close()
			checkBadgerLogValues(t, reopened, n)
			// It takes new writes where the old ones ended.
			err = reopened.Update(func(txn *badger.Txn) error {
				return txn.Set(badgerLogKey(n), badgerLogValue(n))
			})
			if err != nil {
				t.Fatal(err)
			}
			checkBadgerLogValues(t, reopened, n+1)
		})
	}
}

// Badger's advice on its cache sizes, a warning and a histogram, is not
// the user's business: a long import printed it among its progress.
func TestQuietLoggerDropsCacheAdvice(t *testing.T) {
	var buf bytes.Buffer
	log.SetOutput(&buf)
	defer log.SetOutput(os.Stderr)
	var l quietLogger
	l.Warningf("%s might be too small. Metrics: %s\n", "Block cache", "hit: 1 miss: 9")
	l.Warningf("Cache life expectancy (in seconds): %+v\n", "-- Histogram: ...")
	if buf.Len() != 0 {
		t.Errorf("cache advice printed: %q", buf.String())
	}
	l.Warningf("value log %s is damaged", "000001.vlog")
	if !strings.Contains(buf.String(), "store: value log 000001.vlog is damaged") {
		t.Errorf("a real warning was dropped: %q", buf.String())
	}
}
