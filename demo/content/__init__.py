"""Demo content for the #NoTechForICE student pledge campaign: pure data, no Django
imports. demo.load builds one campaign from it, with its contracts, timeline,
institutions, live campus pledges, resources and a day of action."""
