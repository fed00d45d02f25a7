"""The demo's day of action and the local actions on it.

Pure data: no Django imports.
"""

# A day of action for the demo, written for it (the date is set when the demo is loaded, a
# few weeks ahead, so that the RSVP form, its mail and its reminder can be tried).
ACTION_DAY = dict(
    title="Cross-campus day of action",
    slug="cross-campus-day-of-action",
    description=(
        "On one day, students on both sides of the Atlantic hold their own action at their "
        "own campus: a stall outside the careers fair, a teach-in, a letter delivered to "
        "the careers service. Find the one nearest you, say you're coming, and bring a "
        "friend."
    ),
)
# Local times, on each campus's own clock.
LOCAL_ACTIONS = {
    "University of Cambridge": dict(
        title="Teach-in on data, policing and migration",
        location="Lecture Theatre 1, William Gates Building, JJ Thomson Avenue",
        start="13:00",
        end="15:00",
        accessibility="Step-free entrance from the car park side; hearing loop in the room.",
        capacity=120,
    ),
    "University of Edinburgh": dict(
        title="Stall and open letter at the careers service",
        location="Outside the Careers Service, Main Library, George Square",
        start="11:00",
        end="14:00",
        accessibility="Outdoors on level paving; the library foyer is step-free.",
        capacity=None,
    ),
    "Yale University": dict(
        title="Rally and letter delivery",
        location="Cross Campus lawn, then the Office of Career Strategy",
        start="12:00",
        end="13:30",
        accessibility="Outdoor, on grass and paths; about ten minutes' walk between the two.",
        capacity=None,
    ),
    "University of California, Berkeley": dict(
        title="Teach-in and pledge drive",
        location="Sproul Plaza, by the steps of Sproul Hall",
        start="12:00",
        end="14:00",
        accessibility="Outdoor plaza, step-free from Bancroft Way.",
        capacity=200,
    ),
    "Brown University": dict(
        title="Careers fair stall",
        location="Outside Sayles Hall, the Main Green",
        start="10:00",
        end="13:00",
        accessibility="",
        capacity=None,
    ),
}
