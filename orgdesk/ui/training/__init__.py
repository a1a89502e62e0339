"""培训与学分 tab: syllabus, plans, exams, study notes, activities and the credit account."""
