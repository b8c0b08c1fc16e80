// "Claim this update and do its write" as one atomic step, for the command layer.
//
// A front door makes one UpdateClaim per incoming update (Telegram update_id, Discord interaction
// id) and hands it to the command through its context. A command that writes (an admin petition
// update) claims it inside the same transaction as its write:
//
//     await store.unitOfWork(async (tx) => {
//       if (!(await claim.claimIn(tx))) return duplicate;   // answered before: write nothing
//       await tx.petitions.append(...);
//     });
//
// so that after a crash a redelivered update can neither append a second history row (the claim
// and the row commit together) nor be answered twice. The front door then calls `claimOnce()`
// before sending any answer: it is true when this run owns the update (claimed now or in the
// command's transaction), false when an earlier run did, and then nothing is sent.
import type { Logger } from "../log.js";
import { isStoreUnavailable } from "./sql.js";
import type { Store, StoreTx } from "./store.js";

type State = "open" | "mine" | "taken";

export class UpdateClaim {
  private state: State = "open";

  constructor(
    private readonly store: Pick<Store, "updates">,
    /** "telegram", "discord". */
    readonly platform: string,
    /** The platform's id of the update (update_id, interaction id). */
    readonly id: string,
    private readonly log?: Logger,
  ) {}

  /** Claimed by this run (true), by an earlier one (false), or not yet (undefined). */
  get owned(): boolean | undefined {
    return this.state === "open" ? undefined : this.state === "mine";
  }

  /**
   * Claims inside the caller's transaction. False means an earlier run handled this update: the
   * caller must write nothing. The outcome is remembered only once the transaction commits.
   */
  async claimIn(tx: StoreTx): Promise<boolean> {
    if (this.state !== "open") return this.state === "mine";
    const won = await tx.updates.claim(this.platform, this.id);
    tx.onCommit(() => {
      if (this.state === "open") this.state = won ? "mine" : "taken";
    });
    return won;
  }

  /**
   * Before sending an answer: true when this run may answer (it owns the claim, taking it now if
   * nobody has). A read-only answer must never wait on a busy store, so this makes one attempt;
   * if the store cannot record it, the answer is sent anyway (logged): at worst a redelivery is
   * answered twice, which beats not answering.
   */
  async claimOnce(): Promise<boolean> {
    if (this.state !== "open") return this.state === "mine";
    try {
      this.state = (await this.store.updates.claim(this.platform, this.id, { waitMs: 0 })) ? "mine" : "taken";
    } catch (err) {
      if (!isStoreUnavailable(err)) throw err;
      this.log?.warn({ platform: this.platform, update: this.id }, "store busy: answering without recording the update as handled");
      return true;
    }
    return this.state === "mine";
  }
}
