package store

import (
	"bytes"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// The Badger in third_party/badger writes its value log and memtable
// logs with pwrite instead of through their shared mappings (PARALLAX.md
// there). These tests hold it to what the mapping gave: every committed
// write is in the files once the commit returns, so a killed process
// loses none of it, and a reopened store replays it.

// badgerLogOptions makes every code path of the patch run on little
// data: values of 64 bytes and more go to the value log, value log files
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
// larger ones go to the value log, and the largest (300 KiB) exceed the
// 256 KiB the value log gathers before it writes.
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

func TestBadgerLogsAfterClose(t *testing.T) {
	dir := t.TempDir()
	const n = 120
	for round := 0; round < 2; round++ { // the second appends to reopened logs
		db, err := badger.Open(badgerLogOptions(dir))
		if err != nil {
			t.Fatal(err)
		}
		for i := round * n / 2; i < (round+1)*n/2; i++ {
			if err := db.Update(func(txn *badger.Txn) error { return txn.Set(badgerLogKey(i), badgerLogValue(i)) }); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	db, err := badger.Open(badgerLogOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	checkBadgerLogValues(t, db, n)
}

// Sync may run while other goroutines commit (an annotation saved during
// an import): the patch's buffers belong to Badger's writer alone, which
// the race detector checks here.
func TestBadgerLogsSyncWhileWriting(t *testing.T) {
	db, err := badger.Open(badgerLogOptions(t.TempDir()))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	const writers, each = 4, 60
	var wg sync.WaitGroup
	errs := make(chan error, writers+1)
	stop := make(chan struct{})
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w * each; i < (w+1)*each; i++ {
				if err := db.Update(func(txn *badger.Txn) error { return txn.Set(badgerLogKey(i), badgerLogValue(i)) }); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	syncs := make(chan int)
	go func() {
		n := 0
		for {
			select {
			case <-stop:
				syncs <- n
				return
			default:
			}
			if err := db.Sync(); err != nil {
				errs <- err
			}
			n++
		}
	}()
	wg.Wait()
	close(stop)
	if n := <-syncs; n == 0 {
		t.Fatal("no Sync ran during the writes")
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	checkBadgerLogValues(t, db, writers*each)
}
