package store

import (
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"github.com/parallax-news/parallax/app"
	"github.com/parallax-news/parallax/store/index"
)

// A tag used on thousands of articles is too big to rename, merge or
// delete in one Badger transaction. Such a change is a tag job: recorded
// first, then applied in transactions of tagJobBatch articles and
// annotations, then finished by moving or deleting the tag definitions
// and dropping the record. Each step takes away uses of the old tags, so
// the next step finds what is left; a job cut short (the app closed, the
// machine stopped) is finished by the next Open. Meanwhile a search or a
// list may see some articles with the old tag and some with the new.
type tagJob struct {
	// Delete From and the tags below it, or move them to To (merging
	// into what is there).
	Delete bool   `json:"delete,omitempty"`
	From   string `json:"from"`
	To     string `json:"to,omitempty"`
}

// tagJobBatch bounds the articles and annotations one step changes; a
// step too big for a transaction all the same is halved.
var tagJobBatch = 1000

// tagJobStep, when set (tests), runs after every step of a tag job and
// stops the job if it returns an error.
var tagJobStep func() error

// retag is what the job does to one of tag's users' tag lists.
func (j *tagJob) retag(tag string) func([]string) []string {
	if j.Delete {
		return func(tags []string) []string {
			return slices.DeleteFunc(tags, func(t string) bool { return t == tag })
		}
	}
	moved := j.To + tag[len(j.From):]
	return func(tags []string) []string {
		for i, t := range tags {
			if t == tag {
				tags[i] = moved
			}
		}
		return tags
	}
}

// changeTags records the job, counting what it will change, and runs
// it; check runs in the recording transaction first (to refuse a rename
// onto an existing tag). A job an earlier call left unfinished is
// finished first.
func (s *Store) changeTags(job tagJob, check func(txn *badger.Txn) error) (app.TagChange, error) {
	var ch app.TagChange
	s.tagJobs.Lock()
	defer s.tagJobs.Unlock()
	if err := s.runTagJob(); err != nil {
		return ch, fmt.Errorf("finishing an earlier tag change: %w", err)
	}
	err := s.update(func(txn *badger.Txn) error {
		if check != nil {
			if err := check(txn); err != nil {
				return err
			}
		}
		var err error
		if ch, err = countTagUses(txn, job.From); err != nil {
			return err
		}
		if !job.Delete {
			if err := markRenameChange(txn, job.From, job.To); err != nil {
				return err
			}
		}
		return setJSON(txn, keyTagJob, job)
	})
	if err != nil {
		return ch, err
	}
	return ch, s.runTagJob()
}

// runTagJob applies the recorded job, if any, step by step.
func (s *Store) runTagJob() error {
	var job tagJob
	err := s.db.View(func(txn *badger.Txn) error { return getJSON(txn, keyTagJob, &job) })
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	for batch := tagJobBatch; ; {
		var left bool
		err := s.update(func(txn *badger.Txn) error {
			var err error
			left, err = job.step(txn, batch)
			return err
		})
		if errors.Is(err, badger.ErrTxnTooBig) && batch > 1 {
			batch /= 2
			continue
		}
		if err != nil {
			return err
		}
		if tagJobStep != nil {
			if err := tagJobStep(); err != nil {
				return err
			}
		}
		if !left {
			break
		}
	}
	return s.updateIndexed(job.finish)
}

// step retags up to batch of the articles and annotations still carrying
// a tag of the job's subtree; it reports whether it left any.
func (j *tagJob) step(txn *badger.Txn, batch int) (bool, error) {
	paths, err := tagSubtree(txn, j.From)
	if err != nil {
		return false, err
	}
	done := 0
	for _, p := range paths {
		// One use more than the batch has room for tells whether any
		// are left for the next step.
		arts, annos, err := tagUsesUpTo(txn, p, batch-done+1)
		if err != nil {
			return false, err
		}
		change := j.retag(p)
		for _, id := range arts {
			if done == batch {
				return true, nil
			}
			if _, err := setArticleTags(txn, id, change); err != nil {
				return false, fmt.Errorf("article %d: %w", id, err)
			}
			// Gone already unless the index listed a tag the article did
			// not have: the next step must not find it again.
			if err := txn.Delete(tagKey(p, id)); err != nil {
				return false, err
			}
			done++
		}
		for _, id := range annos {
			if done == batch {
				return true, nil
			}
			if err := setAnnotationTags(txn, id, change); err != nil {
				return false, fmt.Errorf("annotation %d: %w", id, err)
			}
			if err := txn.Delete(annoTagKey(p, id)); err != nil {
				return false, err
			}
			done++
		}
	}
	return false, nil
}

// finish moves or deletes the subtree's definitions and memos and drops
// the record.
func (j *tagJob) finish(txn *badger.Txn, w *index.Writer) error {
	paths, err := tagSubtree(txn, j.From)
	if err != nil {
		return err
	}
	memos, err := tagMemos(txn, j.From)
	if err != nil {
		return err
	}
	for _, m := range memos {
		if j.Delete {
			err = deleteMemo(txn, w, m)
		} else {
			m.Tag = j.To + m.Tag[len(j.From):]
			if err = setJSON(txn, memoKey(m.ID), m); err == nil {
				err = markMemoChange(txn, &m)
			}
		}
		if err != nil {
			return err
		}
	}
	for _, p := range paths {
		if j.Delete {
			if err = txn.Delete(tagDefKey(p)); err == nil {
				err = markTagChange(txn, p)
			}
		} else {
			err = moveTagDef(txn, p, j.To+p[len(j.From):])
		}
		if err != nil {
			return err
		}
	}
	return txn.Delete(keyTagJob)
}

// finishTagJob finishes a tag job an earlier process left, at Open.
func (s *Store) finishTagJob() error {
	if err := s.runTagJob(); err != nil {
		var job tagJob
		s.db.View(func(txn *badger.Txn) error { return getJSON(txn, keyTagJob, &job) })
		what := "renaming tag " + job.From
		if job.Delete {
			what = "deleting tag " + job.From
		}
		return app.WrapError(app.EINTERNAL, err, "finishing the interrupted %s in %s", what, s.dir)
	}
	return nil
}
