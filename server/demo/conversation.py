"""Simulation of one conversation at a time: bot, queue, agents, transfers, knowledge base, feedback."""

import bisect
import math
from dataclasses import dataclass
from random import Random

from server.demo.organisation import (
    AGENT_CLOSINGS, AGENT_FAREWELLS, AGENT_GREETINGS, AGENT_OUTBOUND_OPENINGS, BOT_CHECKS, BOT_GREETINGS,
    CATEGORIES, CHANNEL_WEIGHTS, CHANNELS, COMMENTS_BY_CSAT, CUSTOMER_CLOSINGS, CUSTOMER_HANDOFFS,
    CUSTOMER_NOT_HELPED, CUSTOMER_OUTBOUND_REPLIES, CUSTOMER_REOPENINGS, CUSTOMER_SELF_SERVED,
    CUSTOMER_WAITING, SERVICE_TEAM_IDS, SYSTEM_CONNECTED, SYSTEM_QUEUE_BUSY, SYSTEM_TRANSFER_TIMEOUT,
    SYSTEM_TRANSFERRING, TEAMS_BY_ID, UNRESOLVED_DISPOSITIONS, VIP_TEAM_ID, Agent, Category, customer_id,
    is_vip_customer,
)
from server.demo.period import DAY, HOUR, MINUTE, cumulative_weights
from server.demo.roster import Roster
from server.demo.writer import EventWriter
from server.kernel.events import EventType

OUTBOUND_SHARE = 0.12
"""Of phone and email conversations."""
BOT_FIRST_SHARE = 0.55
"""Of inbound chat and mini-program conversations."""
UNCATEGORISED_START_SHARE = 0.15
RECATEGORISED_SHARE = 0.04
STARTED_RESENT_EVERY = 97
"""The connector re-sends the `conversation.started` of every 97th conversation under a new id."""
REPEAT_CONTACT_SHARE = 0.10
RECENT_CONTACTS = 20_000
REPEAT_WINDOW = 7 * DAY
TRANSFER_SHARE = 0.10
TRANSFER_TO_QUEUE_SHARE = 0.3
TRANSFER_UNACCEPTED_SHARE = 0.2
FEEDBACK_SHARE_HANDLED, FEEDBACK_SHARE_BOT = 0.40, 0.25
LATE_FEEDBACK_SHARE = 0.10
REVISED_FEEDBACK_SHARE = 0.06
REOPEN_SHARE = 0.03
PENDING_SHARE = 0.25
"""Of conversations handled on the period's last day: the customer went quiet, still open at the snapshot."""
KB_SEARCH_RESENT_EVERY = 29
"""The connector re-sends every 29th `kb.searched` under a new id."""
KB_SEARCH_WITHOUT_CONVERSATION_SHARE = 0.05
KB_HIT_SHARE = 0.75
KB_BROWSE_AFTER_MISS_SHARE = 0.25
"""After a miss the agent sometimes opens an article from the category tree, without a search_id."""
CSAT_IF_RESOLVED = (1, 2, 3, 3, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5, 5)
CSAT_IF_UNRESOLVED = (1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5)
NPS_BY_CSAT = {1: (0, 1, 2, 3, 4), 2: (2, 3, 4, 5, 6), 3: (5, 6, 7, 8), 4: (7, 8, 9), 5: (8, 9, 10, 10)}


@dataclass(frozen=True)
class ChannelTiming:
    """Seconds typical of a channel: reply delays, customer pauses, queue waits, patience."""

    reply_minimum: int
    reply_mean: float
    customer_pause: tuple[int, int]
    queue_wait_mean: float
    patience_mean: float | None
    rounds: tuple[int, int]


CHANNEL_TIMINGS = {
    "chat": ChannelTiming(3, 25, (8, 40), 25, 600, (2, 5)),
    "mini_program": ChannelTiming(4, 30, (8, 45), 30, 480, (2, 4)),
    "phone": ChannelTiming(2, 6, (3, 12), 18, 240, (2, 4)),
    "email": ChannelTiming(15 * MINUTE, 3 * HOUR, (30 * MINUTE, 6 * HOUR), 40 * MINUTE, None, (1, 2)),
}
MESSAGING_CHANNELS = ("chat", "mini_program")


class Conversation:
    """The running state of one simulated conversation."""

    __slots__ = ("conversation_id", "channel", "timing", "customer", "category", "current_category",
                 "team_id", "load", "promotion", "t", "agent", "opened", "queue_wait", "resolution", "ended_at",
                 "phrase")

    def __init__(self, number: int, channel: str, customer: int, category: Category, team_id: str,
                 t: int, load: float, promotion: bool) -> None:
        self.conversation_id = f"conv-{number:06d}"
        self.channel = channel
        self.timing = CHANNEL_TIMINGS[channel]
        self.customer = customer
        self.category = category
        self.current_category: Category | None = category
        self.team_id = team_id
        self.load = load
        self.promotion = promotion
        self.t = t
        self.agent: Agent | None = None
        self.opened = False
        self.queue_wait = 0
        self.resolution: str | None = None
        self.ended_at: int | None = None
        self.phrase = number


class ConversationSimulator:
    """Plays one conversation at a time: bot, queue, agents, knowledge base, feedback."""

    def __init__(self, rng: Random, writer: EventWriter, roster: Roster, customers: int) -> None:
        self.rng = rng
        self.random = rng.random
        self.writer = writer
        self.roster = roster
        self.customers = customers
        self.searches = 0
        self.transfers = 0
        self.recent: list[tuple[int, Category, int, bool]] = []
        self.recent_next = 0
        self._channels = cumulative_weights(CHANNEL_WEIGHTS)
        self._categories = cumulative_weights(category.weight for category in CATEGORIES)
        self._promotion_categories = cumulative_weights(category.promotion_weight for category in CATEGORIES)

    def _pick(self, choices: tuple):
        return choices[int(self.random() * len(choices))]

    def _next_phrase(self, conversation: Conversation, texts: tuple[str, ...]) -> str:
        """Phrases of one conversation in script order, each conversation from another place."""
        conversation.phrase += 1
        return texts[conversation.phrase % len(texts)]

    def _wait(self, conversation: Conversation, low: int, high: int) -> None:
        conversation.t += low + int(self.random() * (high - low))

    def _reply_delay(self, conversation: Conversation) -> int:
        mean = conversation.timing.reply_mean * conversation.agent.response_speed * conversation.load
        return conversation.timing.reply_minimum + int(-math.log(1.0 - self.random()) * mean)

    def _say(self, conversation: Conversation, sender: str, text: str) -> None:
        fields = {"conversation_id": conversation.conversation_id, "sender": sender, "text": text}
        if sender == "agent":
            fields["agent_id"] = conversation.agent.agent_id
        self.writer.add(conversation.t, EventType.MESSAGE_SENT, fields)

    def _customer_says(self, conversation: Conversation, texts: tuple[str, ...]) -> None:
        self._wait(conversation, *conversation.timing.customer_pause)
        self._say(conversation, "customer", self._next_phrase(conversation, texts))

    def _agent_replies(self, conversation: Conversation, texts: tuple[str, ...]) -> None:
        conversation.t += self._reply_delay(conversation)
        self._say(conversation, "agent", self._next_phrase(conversation, texts))

    def run(self, number: int, t: int, load: float, promotion: bool) -> None:
        """Simulate conversation ``number`` starting at ``t`` and queue its events."""
        conversation, outbound = self._start(number, t, load, promotion)
        if outbound:
            self._outbound(conversation)
        else:
            self._inbound(conversation)
        ended_at = conversation.ended_at
        if ended_at is not None and ended_at <= self.writer.cutoff and conversation.current_category is not None:
            self._remember(conversation)

    def _customer_and_category(self, t: int, promotion: bool) -> tuple[int, Category]:
        random = self.random
        if self.recent and random() < REPEAT_CONTACT_SHARE:
            customer, category, ended_at, resolved = self.recent[int(random() * len(self.recent))]
            if ended_at < t <= ended_at + REPEAT_WINDOW and (not resolved or random() < 0.4):
                return customer, category
        weights = self._promotion_categories if promotion else self._categories
        return int(self.customers * random() ** 1.3), CATEGORIES[bisect.bisect(weights, random())]

    def _remember(self, conversation: Conversation) -> None:
        resolved = conversation.resolution == "resolved"
        entry = (conversation.customer, conversation.current_category, conversation.ended_at, resolved)
        if len(self.recent) < RECENT_CONTACTS:
            self.recent.append(entry)
        else:
            self.recent[self.recent_next] = entry
            self.recent_next = (self.recent_next + 1) % RECENT_CONTACTS

    def _start(self, number: int, t: int, load: float, promotion: bool) -> tuple[Conversation, bool]:
        random = self.random
        customer, category = self._customer_and_category(t, promotion)
        channel = CHANNELS[bisect.bisect(self._channels, random())]
        outbound = channel in ("phone", "email") and random() < OUTBOUND_SHARE
        team_id = VIP_TEAM_ID if is_vip_customer(customer) else category.team_id
        conversation = Conversation(number, channel, customer, category, team_id, t, load, promotion)
        fields = {"conversation_id": conversation.conversation_id, "channel": channel,
                  "customer_id": customer_id(customer)}
        if outbound or random() >= UNCATEGORISED_START_SHARE:
            fields["category"] = category.name
        else:
            conversation.current_category = None
        if outbound:
            fields["direction"] = "outbound"
        self.writer.add(t, EventType.CONVERSATION_STARTED, fields)
        if number % STARTED_RESENT_EVERY == 0:
            self.writer.add(t, EventType.CONVERSATION_STARTED, fields)
        return conversation, outbound

    def _end(self, conversation: Conversation, resolution: str, disposition: str) -> None:
        conversation.resolution, conversation.ended_at = resolution, conversation.t
        fields = {"conversation_id": conversation.conversation_id, "resolution": resolution, "disposition": disposition}
        self.writer.add(conversation.t, EventType.CONVERSATION_ENDED, fields)

    def _categorize(self, conversation: Conversation, category: Category) -> None:
        conversation.current_category = category
        self.writer.add(conversation.t + 1, EventType.CONVERSATION_CATEGORIZED,
                        {"conversation_id": conversation.conversation_id, "category": category.name})

    def _outbound(self, conversation: Conversation) -> None:
        """An agent contacts the customer: assigned at once, never queued."""
        self._wait(conversation, 2, 10)
        self._assign(conversation, self.roster.pick(conversation.t, conversation.team_id, self.rng))
        self._wait(conversation, 5, 20)
        self._say(conversation, "agent", self._pick(AGENT_OUTBOUND_OPENINGS))
        self._customer_says(conversation, CUSTOMER_OUTBOUND_REPLIES)
        self._agent_replies(conversation, conversation.category.replies)
        self._customer_says(conversation, conversation.category.follow_ups)
        self._agent_replies(conversation, AGENT_FAREWELLS)
        self._wait(conversation, 5, 60)
        resolved = self.random() < 0.9
        self._end(conversation, "resolved" if resolved else "unresolved",
                  self._pick(conversation.category.dispositions if resolved else UNRESOLVED_DISPOSITIONS))

    def _inbound(self, conversation: Conversation) -> None:
        """Optionally a bot first, then the queue, an agent, feedback and maybe a reopening."""
        bot_first = conversation.channel in MESSAGING_CHANNELS and self.random() < BOT_FIRST_SHARE
        if bot_first and self._bot_serves(conversation):
            return
        self._wait(conversation, 1, 4)
        self.writer.add(conversation.t, EventType.CONVERSATION_QUEUED,
                        {"conversation_id": conversation.conversation_id,
                         "queue": TEAMS_BY_ID[conversation.team_id].queue})
        if not bot_first and conversation.channel != "phone":
            self._wait(conversation, 1, 15)
            self._say(conversation, "customer", self._pick(conversation.category.openings))
            conversation.opened = True
        if self._queue(conversation) and self._handle(conversation):
            self._feedback(conversation, FEEDBACK_SHARE_HANDLED)
            self._reopen(conversation)

    def _bot_serves(self, conversation: Conversation) -> bool:
        """The bot answers first; True when the conversation ends without a human (self-service)."""
        random = self.random
        self._wait(conversation, 1, 3)
        self._say(conversation, "bot", self._pick(BOT_GREETINGS))
        self._wait(conversation, 5, 40)
        self._say(conversation, "customer", self._pick(conversation.category.openings))
        conversation.opened = True
        self._wait(conversation, 1, 3)
        self._say(conversation, "bot", conversation.category.bot_answer)
        if conversation.current_category is None and random() < 0.5:
            self._categorize(conversation, conversation.category)
        if random() >= conversation.category.self_service:
            self._customer_says(conversation, CUSTOMER_HANDOFFS)
            return False
        self._wait(conversation, 2, 5)
        self._say(conversation, "bot", self._pick(BOT_CHECKS))
        outcome = random()
        if outcome < 0.75:
            self._customer_says(conversation, CUSTOMER_SELF_SERVED)
            self._end(conversation, "resolved", "机器人解决")
        elif outcome < 0.9:
            self._customer_says(conversation, CUSTOMER_NOT_HELPED)
            self._end(conversation, "unresolved", "机器人未解决")
        else:
            self._wait(conversation, 60, 300)
            self._end(conversation, "abandoned", "客户离开")
        if conversation.resolution != "abandoned":
            self._feedback(conversation, FEEDBACK_SHARE_BOT)
        return True

    def _assign(self, conversation: Conversation, agent: Agent, transfer_id: str | None = None) -> None:
        conversation.agent = agent
        fields = {"conversation_id": conversation.conversation_id, "agent_id": agent.agent_id}
        if transfer_id is not None:
            fields["transfer_id"] = transfer_id
        self.writer.add(conversation.t, EventType.CONVERSATION_ASSIGNED, fields)

    def _queue(self, conversation: Conversation) -> bool:
        """Wait for an agent; False when the customer gives up first (abandoned)."""
        random = self.random
        queued_at = conversation.t
        wait = -math.log(1.0 - random()) * conversation.timing.queue_wait_mean * conversation.load
        patience = None
        if conversation.timing.patience_mean is not None:
            patience = -math.log(1.0 - random()) * conversation.timing.patience_mean
        messaging = conversation.channel in MESSAGING_CHANNELS
        if messaging and wait > 30:
            self._wait(conversation, 1, 3)
            self._say(conversation, "system", SYSTEM_QUEUE_BUSY)
        gives_up = patience is not None and patience < wait
        waited = patience if gives_up else wait
        if messaging and waited > 60 and random() < 0.5:
            conversation.t = max(conversation.t + 1, queued_at + int(waited * 0.6))
            self._say(conversation, "customer", self._pick(CUSTOMER_WAITING))
        conversation.t = max(conversation.t + 1, queued_at + int(waited))
        if gives_up:
            self._end(conversation, "abandoned", "客户放弃排队")
            return False
        conversation.queue_wait = conversation.t - queued_at
        self._assign(conversation, self.roster.pick(conversation.t, conversation.team_id, self.rng))
        if messaging:
            conversation.t += 1
            self._say(conversation, "system", SYSTEM_CONNECTED)
        return True

    def _handle(self, conversation: Conversation) -> bool:
        """The agent's part: replies, a search, maybe a transfer, the end; False if still open at the end."""
        random = self.random
        self._agent_replies(conversation, AGENT_GREETINGS)
        category = conversation.category
        self._customer_says(conversation, category.follow_ups if conversation.opened else category.openings)
        low, high = conversation.timing.rounds
        rounds = low + int(random() * (high - low + 1))
        for round_number in range(rounds):
            if round_number == 0 and random() < conversation.agent.kb_use:
                self._search_kb(conversation)
            if round_number == 1 and random() < TRANSFER_SHARE:
                self._transfer(conversation)
            self._agent_replies(conversation, category.replies)
            if round_number == 0 and conversation.current_category is None:
                self._categorize(conversation, conversation.category)
            elif round_number == 0 and random() < RECATEGORISED_SHARE:
                shift = 1 + int(random() * (len(CATEGORIES) - 1))
                self._categorize(conversation, CATEGORIES[(CATEGORIES.index(category) + shift) % len(CATEGORIES)])
            if round_number < rounds - 1:
                self._customer_says(conversation, category.follow_ups)
                if random() < 0.3:
                    self._wait(conversation, 2, 10)
                    self._say(conversation, "customer", self._next_phrase(conversation, category.follow_ups))
        if conversation.t > self.writer.cutoff - DAY and random() < PENDING_SHARE:
            return False
        self._wait(conversation, 5, 20)
        self._say(conversation, "agent", self._pick(AGENT_CLOSINGS))
        self._customer_says(conversation, CUSTOMER_CLOSINGS)
        self._agent_replies(conversation, AGENT_FAREWELLS)
        self._wait(conversation, 5, 60)
        chance = conversation.agent.resolution_skill * category.ease * (0.95 if conversation.promotion else 1.0)
        if random() < chance:
            self._end(conversation, "resolved", self._pick(category.dispositions))
        else:
            self._end(conversation, "unresolved", self._pick(UNRESOLVED_DISPOSITIONS))
        return True

    def _search_kb(self, conversation: Conversation) -> None:
        """A knowledge-base search, then usually an article opened from it (a hit); misses stay unopened."""
        random = self.random
        self.searches += 1
        search_id = f"srch-{self.searches:06d}"
        agent_id = conversation.agent.agent_id
        in_conversation = random() >= KB_SEARCH_WITHOUT_CONVERSATION_SHARE
        results = 0 if random() < 0.12 else 1 + int(random() * 12)
        fields = {"search_id": search_id, "agent_id": agent_id}
        if in_conversation:
            fields["conversation_id"] = conversation.conversation_id
        fields["query"] = self._pick(conversation.category.kb_queries)
        fields["results"] = results
        self._wait(conversation, 2, 8)
        self.writer.add(conversation.t, EventType.KB_SEARCHED, fields, utc=True)
        if self.searches % KB_SEARCH_RESENT_EVERY == 0:
            self.writer.add(conversation.t, EventType.KB_SEARCHED, fields, utc=True)
        opened = {"article_id": self._pick(conversation.category.article_ids), "agent_id": agent_id}
        if results and random() < KB_HIT_SHARE:
            opened["search_id"] = search_id
        elif random() >= KB_BROWSE_AFTER_MISS_SHARE:
            return
        if in_conversation:
            opened["conversation_id"] = conversation.conversation_id
        self._wait(conversation, 5, 60)
        self.writer.add(conversation.t, EventType.KB_ARTICLE_OPENED, opened, utc=True)

    def _transfer(self, conversation: Conversation) -> None:
        """Hand the conversation to another team or agent; some transfers are never accepted."""
        random = self.random
        self.transfers += 1
        transfer_id = f"xfer-{self.transfers:06d}"
        source = conversation.agent
        source_team = self.roster.team_of(source)
        target_team = conversation.category.team_id
        if target_team == source_team:
            target_team = self._pick(tuple(team for team in SERVICE_TEAM_IDS if team != source_team))
        self._wait(conversation, 5, 30)
        target = self.roster.pick(conversation.t, target_team, self.rng, exclude=source)
        fields = {"conversation_id": conversation.conversation_id, "transfer_id": transfer_id,
                  "from_agent_id": source.agent_id}
        if random() < TRANSFER_TO_QUEUE_SHARE:
            fields["to_queue"] = TEAMS_BY_ID[target_team].queue
            transit_mean = 90
        else:
            fields["to_agent_id"] = target.agent_id
            transit_mean = 25
        self.writer.add(conversation.t, EventType.CONVERSATION_TRANSFERRED, fields)
        conversation.t += 1
        self._say(conversation, "system", SYSTEM_TRANSFERRING)
        if random() < TRANSFER_UNACCEPTED_SHARE:
            self._wait(conversation, 60, 180)
            self._say(conversation, "system", SYSTEM_TRANSFER_TIMEOUT)
            return
        conversation.t += 5 + int(-math.log(1.0 - random()) * transit_mean * conversation.load)
        self._assign(conversation, target, transfer_id)

    def _feedback(self, conversation: Conversation, share: float) -> None:
        """A survey answer after the end: some late, some re-rated later with csat only."""
        random = self.random
        if random() >= share:
            return
        t = conversation.t + 30 + int(random() * 870)
        if random() < LATE_FEEDBACK_SHARE:
            t = conversation.t + DAY + int(random() * 2 * DAY)
        resolved = conversation.resolution == "resolved"
        csat = self._pick(CSAT_IF_RESOLVED if resolved else CSAT_IF_UNRESOLVED)
        if conversation.queue_wait > 120 and csat > 1:
            csat -= 1
        fields = {"conversation_id": conversation.conversation_id, "csat": csat}
        if random() < 0.75:
            fields["nps"] = self._pick(NPS_BY_CSAT[csat])
        if random() < 0.85:
            fields["resolved"] = resolved != (random() < 0.08)
        if random() < 0.35:
            fields["comment"] = self._pick(COMMENTS_BY_CSAT[csat])
        self.writer.add(t, EventType.FEEDBACK_SUBMITTED, fields, utc=True)
        if random() < REVISED_FEEDBACK_SHARE:
            revised = csat + 1 if csat == 1 or (csat < 5 and random() < 0.6) else csat - 1
            self.writer.add(t + HOUR + int(random() * 47 * HOUR), EventType.FEEDBACK_SUBMITTED,
                            {"conversation_id": conversation.conversation_id, "csat": revised}, utc=True)

    def _reopen(self, conversation: Conversation) -> None:
        """The customer comes back after a resolved end; the conversation ends again (a second `ended`)."""
        random = self.random
        if conversation.resolution != "resolved" or random() >= REOPEN_SHARE:
            return
        conversation.t += 2 * HOUR + int(random() * 28 * HOUR)
        self._say(conversation, "customer", self._pick(CUSTOMER_REOPENINGS))
        self._agent_replies(conversation, conversation.category.replies)
        self._customer_says(conversation, CUSTOMER_CLOSINGS)
        self._agent_replies(conversation, AGENT_FAREWELLS)
        self._wait(conversation, 5, 60)
        if random() < 0.7:
            self._end(conversation, "resolved", self._pick(conversation.category.dispositions))
        else:
            self._end(conversation, "unresolved", self._pick(UNRESOLVED_DISPOSITIONS))
