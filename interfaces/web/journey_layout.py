"""Where the journey diagram puts things: one lane per level, one column per step.

Columns are ordinal, not to scale: a dossier may cross three levels within a minute
or wait weeks at one, and both must stay readable. An appointment date gets a column
of its own, after the steps of that day.
"""

from __future__ import annotations

from dataclasses import dataclass

from domain.units import Level
from interfaces.web.i18n import local_day
from interfaces.web.journey import Journey

LABEL_W, TOP, LANE_H, BOTTOM = 136, 48, 64, 30


@dataclass(frozen=True)
class Layout:
    journey: Journey
    column_width: int
    step_column: tuple[int, ...]
    appointment_column: tuple[int, ...]
    columns: int

    @classmethod
    def of(cls, journey: Journey, column_width: int) -> Layout:
        steps: list[int] = []
        placed: dict[int, int] = {}
        pending = sorted(range(len(journey.appointments)), key=lambda i: journey.appointments[i].on)
        column = 0
        for step in journey.steps:
            while pending and journey.appointments[pending[0]].on < local_day(step.at):
                placed[pending.pop(0)] = column
                column += 1
            steps.append(column)
            column += 1
        for index in pending:
            placed[index] = column
            column += 1
        appointments = tuple(placed[i] for i in range(len(journey.appointments)))
        return cls(journey, column_width, tuple(steps), appointments, column)

    def x(self, column: int) -> float:
        return LABEL_W + self.column_width * (column + 0.5)

    def step_x(self, step: int) -> float:
        return self.x(self.step_column[step])

    def y(self, level: Level) -> float:
        return TOP + LANE_H * (self.journey.lanes.index(level) + 0.5)

    @property
    def width(self) -> float:
        return LABEL_W + self.column_width * (self.columns + 0.75)

    @property
    def open_end(self) -> float:
        """Where a line still going on (a stay, a wait) stops: near the right edge."""
        return self.width - self.column_width / 8

    @property
    def lanes_bottom(self) -> float:
        return TOP + LANE_H * len(self.journey.lanes)

    @property
    def height(self) -> float:
        return self.lanes_bottom + BOTTOM

    def level_after(self) -> list[Level]:
        """The level each step leaves the dossier at (a decision may send it back)."""
        levels = [step.level for step in self.journey.steps]
        for handoff in self.journey.handoffs:
            levels[handoff.step] = handoff.target
        return levels
