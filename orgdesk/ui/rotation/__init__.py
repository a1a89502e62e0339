"""交流轮岗 tab: its pages, dialogs, table model and the timeline picture."""
