import { createApp } from 'vue';
import HandsetApp from './HandsetApp.vue';
import '../styles/main.css';
import './handset.css';

createApp(HandsetApp).mount('#handset');
